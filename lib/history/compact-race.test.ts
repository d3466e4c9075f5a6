// The compaction race, for real: a late report commits after compaction's
// unpack statement took its snapshot and before its pack statement did, for a
// host whose hour is already a chunk. Moving that row would collide with the
// chunk and roll the whole run back (and every run after it, while the row
// stayed). Postgres only: PGlite runs one statement at a time for every
// connection, so nothing can commit between the two.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { compactOnce } from './compact';
import { ingestReport } from '../ingest';
import { rollupOnce } from './rollup';
import { testPrincipal as principal } from '../testing/principal';

const MIN = 60_000;
const HOUR = 3600_000;

describe('compaction racing a late report, on postgres', () => {
  let t: TestDatabase;
  let other: pg.Client;
  const base = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR; // a closed hour, well past the rows kept
  const now = new Date(base + 3 * HOUR + 5 * MIN);
  const send = async (host: string, at: number, instances: number) =>
    (await ingestReport(t.db, principal, makeReport({ hostName: host, collectedAt: new Date(at), instances }), new Date(at + 1000))).hostId;
  const chunkOf = (hostId: string) =>
    t.db.reportChunk.findUnique({ where: { hostId_hour: { hostId, hour: new Date(base) } }, select: { inotifyInstancesUsed: true } });

  beforeAll(async () => {
    t = await openTestDatabase('postgres');
    other = new pg.Client({ connectionString: t.url });
    await other.connect();
  });
  afterAll(async () => {
    await other.end();
    await t.close();
  });

  it('leaves the late row for the next run instead of failing the run, and loses nothing', async () => {
    const a = await send('race-a', base, 1);
    const b = await send('race-b', base, 2);
    await send('race-a', base + 2 * HOUR + 30 * MIN, 50); // keeps the watermark moving past the hour
    expect(await rollupOnce(t.db, now)).toBeGreaterThan(0);
    expect(await compactOnce(t.db, now)).toBe(2);

    // A late row for A: the next run unpacks A's chunk first, and its unpack
    // statement must wait for the lock the other session holds on that chunk.
    await send('race-a', base + 10 * MIN, 3);
    await other.query('BEGIN');
    await other.query('SELECT 1 FROM report_chunk WHERE host_id = $1 AND hour = $2 FOR UPDATE', [a, new Date(base)]);
    const run = compactOnce(t.db, now);
    await waitForLockWait(other);
    // While it waits (its snapshot taken), B's late report commits.
    await other.query(`INSERT INTO report (host_id, collected_at, sequence, inotify_instances_used, inotify_instances_limit, inotify_watches_used,
        inotify_watches_limit, system_fds_used, system_fds_limit, process_fds_used, process_fds_limit, containers_running, collection_ms)
      VALUES ($1, $2, 0, 4, 128, 100, 65536, 1000, 1000000, 10, 1024, 0, 1)`, [b, new Date(base + 20 * MIN)]);
    await other.query('COMMIT');
    await expect(run).resolves.not.toBeNull();
    expect((await chunkOf(a))?.inotifyInstancesUsed).toEqual([1, 3]);
    // B's row, committed mid-period, was left alone by that period's move and
    // taken by the run's next pass over the same hour.
    expect((await chunkOf(b))?.inotifyInstancesUsed).toEqual([2, 4]);
    expect(await t.db.report.count({ where: { hostId: b } })).toBe(0);
  });
});

/** Until some other session is blocked on a lock `holder` holds. */
async function waitForLockWait(holder: pg.Client): Promise<void> {
  const pid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  for (let i = 0; i < 200; i++) {
    const { rows } = await holder.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid]);
    if (rows[0]!.n > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('compaction never waited on the lock');
}
