import 'server-only';
import type { IngestAccepted } from '../protocol';
import { db as processDb, type Db } from '../server/db/client';
import { env } from '../server/env';
import { AppError } from '../server/errors';
import { readJsonBody } from '../server/http';
import { RateLimiter } from '../server/rate-limit';
import { authenticate } from '../access';
import { ingestReport, limiterKey } from './ingest-report';
import { clientOf } from '../web/forwarded.mjs';

let limiter: RateLimiter | undefined;

/**
 * POST /api/v1/reports, whichever HTTP server carries it (the Next.js route,
 * or the lean one in front of it, lib/ingest/node-endpoint.ts): the
 * token, then its rate from this address, then the body (bounded), then the report.
 */
export async function acceptReport(db: Db, authorization: string | null, forwardedFor: string | null, readBody: (maxBytes: number) => Promise<unknown>): Promise<IngestAccepted> {
  const principal = await authenticate(db, authorization, 'ingest');
  limiter ??= new RateLimiter(env().HEADROOM_INGEST_RATE, env().HEADROOM_INGEST_BURST);
  // Before the body is read: a token flooding from one address costs no parsing.
  const allowed = limiter.take(limiterKey(principal, clientOf(forwardedFor ?? '', env().HEADROOM_TRUST_PROXY)));
  if (!allowed.ok) throw new AppError('too_many_requests', 'too many reports from this address under this token: slow down', undefined, allowed.retryAfterSeconds);
  const body = await readBody(env().HEADROOM_MAX_REPORT_BYTES);
  return ingestReport(db, principal, body);
}

/** The Next.js route's report: acceptReport on the process's database. */
export const postReport = (req: Request): Promise<IngestAccepted> =>
  acceptReport(processDb(), req.headers.get('authorization'), req.headers.get('x-forwarded-for'), (max) => readJsonBody(req, max));
