import 'server-only';
import { z } from 'zod';
import type { Db, Tx } from '../server/db/client';
import { AppError } from '../server/errors';
import { forgetTokens } from './authenticate';
import { activeTokenByRef } from './token-ref';

const wholeHosts = 'must be a whole number of hosts, or none';

/** A token's host limit as typed in a form or on the command line: blank or "none" for no limit. */
export const hostLimit = z.union([z.number(), z.string()])
  .transform((v) => (typeof v === 'string' && ['', 'none'].includes(v.trim().toLowerCase()) ? null : Number(v)))
  .pipe(z.number({ message: wholeHosts }).int(wholeHosts).min(1, 'must be at least 1 (revoke the token to stop it enrolling)').max(1_000_000, 'must be at most 1,000,000').nullable());

/**
 * Sets how many hosts an ingest token may enrol (a limit hostLimit read).
 * Lowering it below the hosts it has enrolled removes none: it stops new
 * ones. Effective once forgetTokens runs after the commit.
 */
export async function writeTokenHostLimit(db: Tx, ref: string, limit: number | null): Promise<{ id: string; name: string; maxHosts: number | null }> {
  const t = await activeTokenByRef(db, ref);
  if (t.scope !== 'ingest') throw new AppError('bad_request', 'only ingest tokens enrol hosts');
  await db.apiToken.update({ where: { id: t.id }, data: { maxHosts: limit } });
  return { id: t.id, name: t.name, maxHosts: limit };
}

/** writeTokenHostLimit, taking effect like a revocation (this replica at once, others within TOKEN_CACHE_MS). */
export async function setTokenHostLimit(db: Db, ref: string, limit: number | null): Promise<{ id: string; name: string; maxHosts: number | null }> {
  const t = await writeTokenHostLimit(db, ref, limit);
  forgetTokens(db);
  return t;
}
