import 'server-only';
import type { Db } from '../server/db/client';

export interface TableStats { table: string; rows: number; bytes: number }

const tables = ['report', 'report_chunk', 'uid_sample', 'process_sample', 'report_minute', 'report_minute_chunk', 'report_hour', 'report_hour_chunk', 'host_state', 'host_report'] as const;

/**
 * Rows and disk size (indexes and TOAST included) of the history tables. Row
 * counts are the planner's estimate: count(*) over hundreds of millions of rows
 * would take minutes; a table never analyzed yet is small enough to count.
 */
export async function storageStats(db: Db): Promise<TableStats[]> {
  const rows = await db.$queryRawUnsafe<{ table: string; estimate: number; bytes: bigint }[]>(`
    SELECT c.relname AS table, c.reltuples::float8 AS estimate, pg_total_relation_size(c.oid) AS bytes
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname = ANY($1::text[])`, [...tables]);
  const out: TableStats[] = [];
  for (const t of tables) {
    const r = rows.find((x) => x.table === t);
    if (!r) continue;
    let n = Number(r.estimate);
    if (n < 0) n = (await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::float8 AS n FROM ${t}`))[0]?.n ?? 0;
    out.push({ table: t, rows: n, bytes: Number(r.bytes) });
  }
  return out;
}
