import 'server-only';
import type { Sql } from './raw';

/**
 * Takes a transaction-scoped advisory lock if it is free: background jobs run
 * on every replica, and the one that gets the lock does the round.
 */
export async function tryJobLock(tx: Sql, key: number): Promise<boolean> {
  const [row] = await tx.$queryRawUnsafe<{ ok: boolean }[]>('SELECT pg_try_advisory_xact_lock($1) AS ok', key);
  return row?.ok ?? false;
}
