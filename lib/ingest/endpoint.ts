import 'server-only';
import type { IngestAccepted } from '../protocol';
import { db as processDb, type Db } from '../server/db/client';
import { env } from '../server/env';
import { AppError } from '../server/errors';
import { readJsonBody } from '../server/http';
import { RateLimiter } from '../server/rate-limit';
import { authenticate } from '../access';
import { ingestReport, limiterKey } from './ingest-report';

let limiter: RateLimiter | undefined;

/**
 * POST /api/v1/reports, whichever HTTP server carries it (the Next.js route,
 * or the lean one in front of it, lib/ingest/node-endpoint.ts): the
 * token, then the body (bounded), then the host's rate, then the report.
 */
export async function acceptReport(db: Db, authorization: string | null, readBody: (maxBytes: number) => Promise<unknown>): Promise<IngestAccepted> {
  const principal = await authenticate(db, authorization, 'ingest');
  const body = await readBody(env().HEADROOM_MAX_REPORT_BYTES);
  limiter ??= new RateLimiter(env().HEADROOM_INGEST_RATE, env().HEADROOM_INGEST_BURST);
  const allowed = limiter.take(limiterKey(principal, body));
  if (!allowed.ok) throw new AppError('too_many_requests', 'this host sends too many reports: slow down', undefined, allowed.retryAfterSeconds);
  return ingestReport(db, principal, body);
}

/** The Next.js route's report: acceptReport on the process's database. */
export const postReport = (req: Request): Promise<IngestAccepted> =>
  acceptReport(processDb(), req.headers.get('authorization'), (max) => readJsonBody(req, max));
