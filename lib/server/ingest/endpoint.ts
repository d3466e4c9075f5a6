import 'server-only';
import type { IngestAccepted } from '../../protocol/api';
import type { Db } from '../db/client';
import { env } from '../env';
import { AppError } from '../errors';
import { RateLimiter } from '../rate-limit';
import { authenticate } from '../services/authenticate';
import { ingestReport, limiterKey } from '../services/ingest-report';

let limiter: RateLimiter | undefined;

/**
 * POST /api/v1/reports, whichever HTTP server carries it (the Next.js route,
 * or the lean one in front of it, lib/server/ingest/node-endpoint.ts): the
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
