import { NextResponse } from 'next/server';
import { db } from '@/lib/server/db/client';
import { env } from '@/lib/server/env';
import { readJsonBody, route } from '@/lib/server/http';
import { authenticate } from '@/lib/server/services/authenticate';
import { AppError } from '@/lib/server/errors';
import { RateLimiter } from '@/lib/server/rate-limit';
import { ingestReport, limiterKey } from '@/lib/server/services/ingest-report';

let limiter: RateLimiter | undefined;

export const POST = route(async (req: Request) => {
  const principal = await authenticate(db(), req.headers.get('authorization'), 'ingest');
  const body = await readJsonBody(req, env().HEADROOM_MAX_REPORT_BYTES);
  limiter ??= new RateLimiter(env().HEADROOM_INGEST_RATE, env().HEADROOM_INGEST_BURST);
  const allowed = limiter.take(limiterKey(principal, body));
  if (!allowed.ok) throw new AppError('too_many_requests', 'this host sends too many reports: slow down', undefined, allowed.retryAfterSeconds);
  const accepted = await ingestReport(db(), principal, body);
  return NextResponse.json(accepted, { status: 202 });
});
