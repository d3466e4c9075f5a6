import 'server-only';
import type { Db } from '../server/db/client';
import { resolutionFor, wholeBucketSeconds, type Resolution } from './history-resolution';
import { rawReports } from './compact';
import { hourRollups, minuteRollups } from './compact-rollups';
import { getRetention } from './retention';

export interface SeriesPoint {
  t: number;
  inotifyInstancesUsed: number; inotifyInstancesLimit: number;
  inotifyWatchesUsed: number; inotifyWatchesLimit: number;
  systemFdsUsed: number; systemFdsLimit: number;
  processFdsUsed: number; processFdsLimit: number;
  containersRunning: number | null;
}

/** `bucketMs`: how much time each point stands for; a point's `t` is its start. */
export interface Series { resolution: Resolution; bucketMs: number; points: SeriesPoint[] }

const MAX_POINTS = 1000;

// Per table: where the time is, and the column holding each value's peak.
const sources = {
  raw: { table: rawReports, at: 'collected_at', used: (d: string) => `${d}_used`, limit: (d: string) => `${d}_limit`, containers: 'containers_running', step: 0 },
  minute: { table: minuteRollups, at: 'bucket', used: (d: string) => `${d}_max`, limit: (d: string) => `${d}_limit`, containers: 'containers_max', step: 60 },
  hour: { table: hourRollups, at: 'bucket', used: (d: string) => `${d}_max`, limit: (d: string) => `${d}_limit`, containers: 'containers_max', step: 3600 },
} as const;

/**
 * A host's history in [from, to] at the resolution that fits the range,
 * bucketed so a chart never gets more than about 1,000 points. Buckets keep
 * the maximum: headroom is about peaks.
 */
export async function hostSeries(db: Db, hostId: string, from: Date, to: Date, intervalSeconds: number, now = new Date()): Promise<Series> {
  const resolution = resolutionFor(from, to, now, await getRetention(db));
  const s = sources[resolution];
  const bucket = wholeBucketSeconds(from, to, MAX_POINTS, s.step || intervalSeconds);
  const cols = ['inotify_instances', 'inotify_watches', 'system_fds', 'process_fds']
    .map((d) => `max(${s.used(d)}) AS "${camel(d)}Used", max(${s.limit(d)}) AS "${camel(d)}Limit"`).join(', ');
  // A rollup bucket starting before `from` still holds points inside the range.
  const fromAt = resolution === 'raw' ? from : new Date(Math.floor(from.getTime() / 1000 / s.step) * s.step * 1000);
  const rows = await db.$queryRawUnsafe<Record<string, number | null>[]>(`
    SELECT floor(extract(epoch FROM ${s.at}) / $4) * $4 AS t, ${cols}, max(${s.containers}) AS "containersRunning"
    FROM ${s.table}
    WHERE host_id = $1::uuid AND ${s.at} >= $2::timestamptz AND ${s.at} <= $3::timestamptz
    GROUP BY 1 ORDER BY 1`, hostId, fromAt.toISOString(), to.toISOString(), bucket);
  const points = rows.map((r) => {
    const num = (k: string) => Number(r[k] ?? 0);
    return {
      t: num('t') * 1000,
      inotifyInstancesUsed: num('inotifyInstancesUsed'), inotifyInstancesLimit: num('inotifyInstancesLimit'),
      inotifyWatchesUsed: num('inotifyWatchesUsed'), inotifyWatchesLimit: num('inotifyWatchesLimit'),
      systemFdsUsed: num('systemFdsUsed'), systemFdsLimit: num('systemFdsLimit'),
      processFdsUsed: num('processFdsUsed'), processFdsLimit: num('processFdsLimit'),
      containersRunning: r.containersRunning === null ? null : num('containersRunning'),
    };
  });
  return { resolution, bucketMs: bucket * 1000, points };
}

function camel(snake: string): string {
  return snake.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
}
