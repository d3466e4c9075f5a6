import 'server-only';
import { z } from 'zod';
import type { Db } from '../server/db/client';
import { AppError } from '../server/errors';
import { forgetTokens } from './authenticate';
import { activeTokenByRef } from './token-ref';

const wholeHosts = 'must be a whole number of hosts, or none';

/** A token's host limit as typed in a form or on the command line: blank or "none" for no limit. */
export const hostLimit = z.union([z.number(), z.string()])
  .transform((v) => (typeof v === 'string' && ['', 'none'].includes(v.trim().toLowerCase()) ? null : Number(v)))
  .pipe(z.number({ message: wholeHosts }).int(wholeHosts).min(1, 'must be at least 1 (revoke the token to stop it enrolling)').max(1_000_000, 'must be at most 1,000,000').nullable());

/**
 * Sets how many hosts an ingest token may enrol. Lowering it below the hosts
 * it has enrolled removes none: it stops new ones. Takes effect like a
 * revocation (this replica at once, others within TOKEN_CACHE_MS).
 */
export async function setTokenHostLimit(db: Db, ref: string, limit: unknown): Promise<{ id: string; name: string; maxHosts: number | null }> {
  const parsed = hostLimit.safeParse(limit);
  if (!parsed.success) throw new AppError('bad_request', `host limit: ${parsed.error.issues[0]!.message}`);
  const t = await activeTokenByRef(db, ref);
  if (t.scope !== 'ingest') throw new AppError('bad_request', 'only ingest tokens enrol hosts');
  await db.apiToken.update({ where: { id: t.id }, data: { maxHosts: parsed.data } });
  forgetTokens(db);
  return { id: t.id, name: t.name, maxHosts: parsed.data };
}
