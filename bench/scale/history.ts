// The host page's history reads with a month of data for one host, in a
// database already holding the fleet: raw reports for the last 7 days (the
// default retention), minute rollups for 30 days, hour rollups beyond.
import type { Db } from '../../lib/server/db/client';
import { compactions } from '../../lib/history';
import { hostSeries } from '../../lib/history';
import { mergeRange } from '../../lib/history';
import { uidSeries } from '../../lib/history';
import { warmTimings } from '../../scripts/lib/timings';

const DAY = 86400_000;
const RUNS = 30;

/** Inserts 30 days of 15 s reports (a slow daily cycle) for a new host; returns its id. */
async function monthOfData(db: Db, now: number): Promise<string> {
  const [h] = await db.$queryRawUnsafe<{ id: string }[]>(`INSERT INTO host (id, name, interval_seconds) VALUES (gen_random_uuid(), 'bench-history-host', 15) RETURNING id::text AS id`);
  const id = h!.id;
  const from = new Date(now - 30 * DAY).toISOString();
  await db.$executeRawUnsafe(`
    INSERT INTO report (host_id, collected_at, sequence, inotify_instances_used, inotify_instances_limit, inotify_watches_used,
      inotify_watches_limit, system_fds_used, system_fds_limit, process_fds_used, process_fds_limit, containers_running, collection_ms)
    SELECT $1::uuid, t, row_number() OVER (), 40 + (30 * sin(extract(epoch FROM t) / 3600))::int, 128, 20000 + (i % 5000), 65536,
      9000 + (i % 700), 9.2e18, 300 + (i % 400), 1024, (i / 240) % 12, 20
    FROM generate_series($2::timestamptz, $2::timestamptz + interval '30 days', interval '15 seconds') WITH ORDINALITY AS g(t, i)`, id, from);
  // Per-user samples as ingest writes them: when counts change (here every 10 minutes).
  await db.$executeRawUnsafe(`
    INSERT INTO uid_sample (host_id, collected_at, uids)
    SELECT $1::uuid, t, ARRAY[0, 5, 300, 1000, (i % 120)::int, 9000, 1001, 3, 400]
    FROM generate_series($2::timestamptz, $2::timestamptz + interval '30 days', interval '10 minutes') WITH ORDINALITY AS g(t, i)`, id, from);
  for (let t = now - 30 * DAY; t < now; t += DAY) await mergeRange(db, new Date(t), new Date(t + DAY));
  // Retention's state after a month: raw and samples for 7 days only.
  await db.$executeRawUnsafe(`DELETE FROM report WHERE host_id = $1::uuid AND collected_at < $2::timestamptz`, id, new Date(now - 7 * DAY).toISOString());
  await db.$executeRawUnsafe(`DELETE FROM uid_sample WHERE host_id = $1::uuid AND collected_at < $2::timestamptz`, id, new Date(now - 7 * DAY).toISOString());
  // And compaction's: raw rows and minute rollups older than an hour packed
  // into hourly chunks, hour rollups into daily ones. Left as rows, a month of one host's reports skewed the
  // planner's estimates for the fleet's table (it chose a sequential scan: 379 ms).
  for (const [job, once] of compactions) {
    let chunks = 0;
    for (;;) {
      const n = await once(db, new Date(now));
      if (n === null) throw new Error(`history bench: another process holds the ${job} job`);
      if (n === 0) break;
      chunks += n;
    }
    if (chunks === 0) throw new Error(`history bench: ${job} wrote no chunk (no rollup watermark?)`);
  }
  await db.$executeRawUnsafe('ANALYZE');
  return id;
}

export interface HistoryRow { range: string; resolution: string; points: number; p50: number; p95: number }

/** What the host page loads for a range (the series and the per-user series), p50/p95 over 30 runs. */
export async function historyTimings(db: Db): Promise<HistoryRow[]> {
  const now = Date.now();
  const id = await monthOfData(db, now);
  const out: HistoryRow[] = [];
  for (const [range, ms] of [['1 h', 3600_000], ['24 h', DAY], ['7 d', 7 * DAY], ['30 d', 30 * DAY]] as const) {
    const from = new Date(now - ms);
    const to = new Date(now);
    let last = { resolution: '', points: 0 };
    const t = await warmTimings(RUNS, async () => {
      const [s] = await Promise.all([hostSeries(db, id, from, to, 15, to), uidSeries(db, id, from, to, 15)]);
      last = { resolution: s.resolution, points: s.points.length };
    });
    out.push({ range, ...last, ...t });
  }
  return out;
}
