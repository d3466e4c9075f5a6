import { NextResponse } from 'next/server';
import { route } from '@/lib/server/http';
import { postReport } from '@/lib/ingest';

// Not a command: reports are ingest's hot path, with its own token check and no audit row each.
export const POST = route(async (req: Request) => NextResponse.json(await postReport(req), { status: 202 }));
