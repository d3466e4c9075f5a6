// Pruning under load: a backlog of history past retention deleted in batches
// while 10,000 hosts report, to show the deletes do not hold ingest up.
import { createDb } from '../../lib/server/db/client';
import { pruneOnce } from '../../lib/history';
import type { Poster } from '../../lib/sim/drive';
import { fleetAt, type Run } from './ingest';

export interface PruneResult { run: Run; deleted: number; seconds: number }

/** 40 old rows of each kind per host, pruned under the load of `hosts` reporting every `intervalSeconds` (10,000 every 15 s by default). */
export async function pruneUnderLoad(url: string, sender: Poster, log: (m: string) => void, hosts = 10_000, intervalSeconds = 15): Promise<PruneResult> {
  const db = createDb(url);
  try {
    // 400,000 per-user samples and 400,000 minute rollups past their windows, spread over the fleet's hosts.
    await db.$executeRawUnsafe(`
      INSERT INTO uid_sample (host_id, collected_at, uids)
      SELECT h.id, now() - interval '8 days' - g * interval '1 minute', ARRAY[0, 3, 40, 1000, 9, 100]
      FROM (SELECT id FROM host LIMIT ${hosts}) h, generate_series(1, 40) g`);
    await db.$executeRawUnsafe(`
      INSERT INTO report_minute (host_id, bucket, last_at, inotify_instances_min, inotify_instances_max, inotify_instances_last,
        inotify_instances_limit, inotify_watches_min, inotify_watches_max, inotify_watches_last, inotify_watches_limit,
        system_fds_min, system_fds_max, system_fds_last, system_fds_limit, process_fds_min, process_fds_max, process_fds_last,
        process_fds_limit, containers_min, containers_max, containers_last)
      SELECT h.id, date_trunc('minute', now()) - interval '31 days' - g * interval '1 minute', now() - interval '31 days',
        1, 2, 2, 128, 1, 2, 2, 8192, 1, 2, 2, 1e6, 1, 2, 2, 1024, 0, 0, 0
      FROM (SELECT id FROM host LIMIT ${hosts}) h, generate_series(1, 40) g`);
    await db.$executeRawUnsafe('ANALYZE');
    const old = `(SELECT count(*) FROM uid_sample WHERE collected_at < now() - interval '7 days')
      + (SELECT count(*) FROM report_minute WHERE bucket < now() - interval '30 days')`;
    const [before] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT (${old})::float8 AS n`);
    let seconds = 0;
    const pruning = (async () => {
      await new Promise((r) => setTimeout(r, 20_000)); // 5 s into the measured part of the run
      const t0 = performance.now();
      await pruneOnce(db);
      seconds = (performance.now() - t0) / 1000;
    })();
    const run = await fleetAt(sender, hosts, 45, log, 0, intervalSeconds);
    await pruning;
    const [after] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT (${old})::float8 AS n`);
    if (after!.n !== 0) throw new Error(`pruning left ${after!.n} rows`);
    return { run, deleted: before!.n, seconds };
  } finally {
    await db.$disconnect();
  }
}
