import 'server-only';
import { columnsOf, dimensionSpecs } from '../dimensions';
import type { Sql } from '../server/db/raw';
import { rollupWatermark, utcTrunc } from '../history';

/** A host's worst used fraction of any limit, per minute of the last hour: `f[i]` is minute `i` after `from`, null where it sent nothing. */
export interface Trend { from: number; f: (number | null)[] }

export const TREND_MINUTES = 60;

const dims = dimensionSpecs.map(columnsOf);
const worst = (used: (c: (typeof dims)[number]) => string) => `GREATEST(${dims.map((c) => `CASE WHEN ${c.limit} > 0 THEN ${used(c)}::float8 / ${c.limit} END`).join(', ')})`;

/**
 * The last hour of the given hosts, in one query for a whole fleet page:
 * minute rollups up to their watermark, raw reports after it (the rollups
 * settle a few minutes behind). Rows only, no chunks: compaction keeps the
 * last hour of both as rows (compact.ts KEEP_ROWS_MS; fleet-trends.test.ts runs it).
 */
export async function hostTrends(db: Sql, hostIds: string[], now = new Date()): Promise<Map<string, Trend>> {
  const to = Math.floor(now.getTime() / 60_000) * 60_000;
  const from = to - (TREND_MINUTES - 1) * 60_000;
  const trends = new Map<string, Trend>();
  if (!hostIds.length) return trends;
  const rolled = Math.max(from, Math.min((await rollupWatermark(db))?.getTime() ?? from, to + 60_000));
  const rows = await db.$queryRawUnsafe<{ host_id: string; m: number[]; f: number[] }[]>(`
    WITH minutes AS (
      SELECT host_id, bucket, ${worst((c) => c.max)} AS f FROM report_minute
        WHERE host_id = ANY($1::uuid[]) AND bucket >= $2::timestamptz AND bucket < $3::timestamptz
      UNION ALL
      SELECT host_id, ${utcTrunc('minute', 'collected_at')}, max(${worst((c) => c.used)}) FROM report
        WHERE host_id = ANY($1::uuid[]) AND collected_at >= $3::timestamptz AND collected_at < $4::timestamptz
        GROUP BY 1, 2
    )
    SELECT host_id, array_agg(((extract(epoch FROM bucket) * 1000 - $5::float8) / 60000)::int ORDER BY bucket) AS m, array_agg(f ORDER BY bucket) AS f
    FROM minutes GROUP BY host_id`,
    hostIds, new Date(from).toISOString(), new Date(rolled).toISOString(), new Date(to + 60_000).toISOString(), from);
  for (const r of rows) {
    const f: (number | null)[] = new Array(TREND_MINUTES).fill(null);
    r.m.forEach((m, i) => { if (m >= 0 && m < TREND_MINUTES) f[m] = r.f[i] ?? null; });
    trends.set(r.host_id, { from, f });
  }
  return trends;
}
