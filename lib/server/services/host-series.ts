import 'server-only';
import type { Db } from '../db/client';

export interface SeriesPoint {
  t: number;
  inotifyInstancesUsed: number; inotifyInstancesLimit: number;
  inotifyWatchesUsed: number; inotifyWatchesLimit: number;
  systemFdsUsed: number; systemFdsLimit: number;
  processFdsUsed: number; processFdsLimit: number;
  containersRunning: number | null;
}

const MAX_POINTS = 1000;

/**
 * A host's history in [from, to], bucketed so a chart never gets more than
 * about 1,000 points. Buckets keep the maximum: headroom is about peaks.
 */
export async function hostSeries(db: Db, hostId: string, from: Date, to: Date, intervalSeconds: number): Promise<SeriesPoint[]> {
  const bucket = Math.max(intervalSeconds, Math.ceil((to.getTime() - from.getTime()) / 1000 / MAX_POINTS));
  const rows = await db.$queryRaw<Record<string, number | Date | null>[]>`
    SELECT floor(extract(epoch FROM collected_at) / ${bucket}) * ${bucket} AS t,
      max(inotify_instances_used) AS "inotifyInstancesUsed", max(inotify_instances_limit) AS "inotifyInstancesLimit",
      max(inotify_watches_used) AS "inotifyWatchesUsed", max(inotify_watches_limit) AS "inotifyWatchesLimit",
      max(system_fds_used) AS "systemFdsUsed", max(system_fds_limit) AS "systemFdsLimit",
      max(process_fds_used) AS "processFdsUsed", max(process_fds_limit) AS "processFdsLimit",
      max(containers_running) AS "containersRunning"
    FROM report
    WHERE host_id = ${hostId}::uuid AND collected_at >= ${from} AND collected_at <= ${to}
    GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => {
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
}
