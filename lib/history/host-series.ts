import 'server-only';
import { columnsOf, dimensionSpecs, fieldsOf, type DimensionColumns as Columns, type DimensionKey } from '../dimensions';
import type { Db } from '../server/db/client';
import { resolutionFor, wholeBucketSeconds, type Resolution } from './history-resolution';
import { rawReports } from './compact';
import { hourRollups, minuteRollups } from './compact-rollups';
import { getRetention } from './retention';

/** Each dimension's used and limit (its fieldsOf names), and running containers. */
export type SeriesPoint = { t: number; containersRunning: number | null } & Record<`${DimensionKey}${'Used' | 'Limit'}`, number>;

/** `bucketMs`: how much time each point stands for; a point's `t` is its start. */
export interface Series { resolution: Resolution; bucketMs: number; points: SeriesPoint[] }

const MAX_POINTS = 1000;

// Per table: where the time is, and the column holding each value's peak.
const sources = {
  raw: { table: rawReports, at: 'collected_at', used: (c: Columns) => c.used, containers: 'containers_running', step: 0 },
  minute: { table: minuteRollups, at: 'bucket', used: (c: Columns) => c.max, containers: 'containers_max', step: 60 },
  hour: { table: hourRollups, at: 'bucket', used: (c: Columns) => c.max, containers: 'containers_max', step: 3600 },
} as const;
const dims = dimensionSpecs.map((d) => ({ c: columnsOf(d), f: fieldsOf(d.key) }));

/**
 * A host's history in [from, to] at the resolution that fits the range,
 * bucketed so a chart never gets more than about 1,000 points. Buckets keep
 * the maximum: headroom is about peaks.
 */
export async function hostSeries(db: Db, hostId: string, from: Date, to: Date, intervalSeconds: number, now = new Date()): Promise<Series> {
  const resolution = resolutionFor(from, to, now, await getRetention(db));
  const s = sources[resolution];
  const bucket = wholeBucketSeconds(from, to, MAX_POINTS, s.step || intervalSeconds);
  const cols = dims.map(({ c, f }) => `max(${s.used(c)}) AS "${f.used}", max(${c.limit}) AS "${f.limit}"`).join(', ');
  // A rollup bucket starting before `from` still holds points inside the range.
  const fromAt = resolution === 'raw' ? from : new Date(Math.floor(from.getTime() / 1000 / s.step) * s.step * 1000);
  const rows = await db.$queryRawUnsafe<Record<string, number | null>[]>(`
    SELECT floor(extract(epoch FROM ${s.at}) / $4) * $4 AS t, ${cols}, max(${s.containers}) AS "containersRunning"
    FROM ${s.table}
    WHERE host_id = $1::uuid AND ${s.at} >= $2::timestamptz AND ${s.at} <= $3::timestamptz
    GROUP BY 1 ORDER BY 1`, hostId, fromAt.toISOString(), to.toISOString(), bucket);
  const points = rows.map((r) => {
    const num = (k: string) => Number(r[k] ?? 0);
    // The cast holds: the loop gives every dimension its used and limit.
    const p = { t: num('t') * 1000, containersRunning: r.containersRunning === null ? null : num('containersRunning') } as SeriesPoint;
    for (const { f } of dims) { p[f.used] = num(f.used); p[f.limit] = num(f.limit); }
    return p;
  });
  return { resolution, bucketMs: bucket * 1000, points };
}
