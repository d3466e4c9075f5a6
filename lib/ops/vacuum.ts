import 'server-only';
import type { Db } from '../server/db/client';

// The embedded PGlite runs Postgres as a single backend: no autovacuum. Every
// report rewrites its host's current-state row, and about once a minute its
// latest full report (a few KB), so without vacuuming both tables grow with
// every report, forever (147 MiB after 86,000 reports of 120 simulated hosts,
// when the document was still rewritten every time). Where no autovacuum
// launcher runs, the worker vacuums itself: those two every round, the
// history tables every tenth, and after them pg_statistic: each ANALYZE of the
// chunks' arrays left the statistics it replaced (29 MB a day, embedded).
const HISTORY = ['report', 'report_chunk', 'uid_sample', 'process_sample', 'report_minute', 'report_minute_chunk', 'report_hour', 'report_hour_chunk', 'alert', 'notification', 'session'];

export async function hasAutovacuum(db: Db): Promise<boolean> {
  const [row] = await db.$queryRawUnsafe<{ on: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE backend_type = 'autovacuum launcher') AS on`);
  return row?.on ?? false;
}

/** One round: the current-state table, and every `historyEvery` rounds the history tables. Returns the tables vacuumed. */
export function vacuumer(db: Db, historyEvery = 10): () => Promise<string[]> {
  let round = 0;
  let needed: boolean | undefined;
  return async () => {
    needed ??= !(await hasAutovacuum(db));
    if (!needed) return [];
    const tables = ['host_state', 'host_report', ...(round++ % historyEvery === historyEvery - 1 ? HISTORY : [])];
    for (const t of tables) await db.$executeRawUnsafe(`VACUUM (ANALYZE) ${t}`);
    // A database user that may not vacuum the catalog gets a warning, not an error.
    await db.$executeRawUnsafe('VACUUM pg_statistic');
    return [...tables, 'pg_statistic'];
  };
}
