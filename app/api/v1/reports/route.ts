import { NextResponse } from 'next/server';
import { db } from '@/lib/server/db/client';
import { readJsonBody, route } from '@/lib/server/http';
import { acceptReport } from '@/lib/ingest';

export const POST = route(async (req: Request) => {
  const accepted = await acceptReport(db(), req.headers.get('authorization'), (max) => readJsonBody(req, max));
  return NextResponse.json(accepted, { status: 202 });
});
