import { NextResponse } from 'next/server';
import { db } from '@/lib/server/db/client';
import { env } from '@/lib/server/env';
import { readJsonBody, route } from '@/lib/server/http';
import { authenticate } from '@/lib/server/services/authenticate';
import { ingestReport } from '@/lib/server/services/ingest-report';

export const POST = route(async (req: Request) => {
  const principal = await authenticate(db(), req.headers.get('authorization'), 'ingest');
  const body = await readJsonBody(req, env().HEADROOM_MAX_REPORT_BYTES);
  const accepted = await ingestReport(db(), principal, body);
  return NextResponse.json(accepted, { status: 202 });
});
