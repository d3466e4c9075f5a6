import 'server-only';
import type { Db } from './client';
import { perClient } from './per-client';
import { DISTRIBUTED_TABLES } from './distribution';

// Whether `headroom distribute` has put the tables on Citus: ingest then writes
// shard by shard. Looked at again now and then, so servers started before the
// command notice it without a restart.
const RECHECK_MS = 60_000;
const seen = perClient('distributed', () => ({ at: 0, value: Promise.resolve(false) }));

async function read(db: Db): Promise<boolean> {
  const [c] = await db.$queryRawUnsafe<{ has: boolean }[]>(`SELECT to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL AS has`);
  if (!c?.has) return false;
  const [d] = await db.$queryRawUnsafe<{ d: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = to_regclass($1)) AS d`, DISTRIBUTED_TABLES[0]);
  return Boolean(d?.d);
}

export function isDistributed(db: Db, now = Date.now()): Promise<boolean> {
  const s = seen(db);
  if (now - s.at >= RECHECK_MS) {
    s.at = now;
    s.value = read(db).catch(() => false);
  }
  return s.value;
}
