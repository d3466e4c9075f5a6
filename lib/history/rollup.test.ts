// Rollups against both databases: min/max/last per minute and hour, idempotent
// re-runs, late reports, and the host page reading the table that fits its range.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { hostSeries } from './host-series';
import { ingestReport } from '../ingest';
import { compactOnce } from './compact';
import { rollupOnce, rollupWatermark } from './rollup';
import { prepare } from '../ingest';
import { writeBatch } from '../ingest';
import { testPrincipal as principal } from '../testing/principal';

const MIN = 60_000;
const HOUR = 3600_000;

describe.each(dbKinds)('rollups on %s', (kind) => {
  let t: TestDatabase;
  let hostId: string;
  // Two whole hours ago, so every report below lies in closed minutes.
  const base = Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR;
  const now = new Date(base + 2 * HOUR + 5 * MIN);
  const send = async (at: number, instances: number, received = new Date(at + 1000)) =>
    (await ingestReport(t.db, principal, makeReport({ hostName: 'roll', collectedAt: new Date(at), instances }), received)).hostId;

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    // Minute 0: 5, 9, 7 (min 5, max 9, last 7); minute 1: 3; minute 61 (second hour): 20.
    for (const [at, v] of [[0, 5], [15_000, 9], [30_000, 7], [MIN, 3], [61 * MIN, 20]] as const) hostId = await send(base + at, v);
  });
  afterAll(async () => { await t.close(); });

  it('keeps min, max and last of each minute and each hour', async () => {
    expect(await rollupOnce(t.db, now)).toBe(3);
    expect((await rollupWatermark(t.db))!.getTime()).toBe(Math.floor((now.getTime() - 3 * MIN) / MIN) * MIN);
    const m = await t.db.reportMinute.findMany({ where: { hostId }, orderBy: { bucket: 'asc' } });
    expect(m.map((r) => [r.bucket.getTime() - base, r.inotifyInstancesMin, r.inotifyInstancesMax, r.inotifyInstancesLast]))
      .toEqual([[0, 5, 9, 7], [MIN, 3, 3, 3], [61 * MIN, 20, 20, 20]]);
    const h = await t.db.reportHour.findMany({ where: { hostId }, orderBy: { bucket: 'asc' } });
    expect(h.map((r) => [r.bucket.getTime() - base, r.inotifyInstancesMin, r.inotifyInstancesMax, r.inotifyInstancesLast, r.lastAt.getTime() - base]))
      .toEqual([[0, 3, 9, 3, MIN], [HOUR, 20, 20, 20, 61 * MIN]]);
  });

  it('changes nothing when run again over the same range', async () => {
    const before = await t.db.reportHour.findMany({ orderBy: { bucket: 'asc' } });
    await t.db.setting.delete({ where: { key: 'rollup' } });
    await rollupOnce(t.db, now);
    expect(await t.db.reportHour.findMany({ orderBy: { bucket: 'asc' } })).toEqual(before);
  });

  it('merges a late report (an agent flushing its spool) into rollups already closed', async () => {
    await send(base + 45_000, 50, now);
    const m = await t.db.reportMinute.findUniqueOrThrow({ where: { hostId_bucket: { hostId, bucket: new Date(base) } } });
    // Later than 30 s's 7 in time, so it is the minute's last; the largest, so its max.
    expect([m.inotifyInstancesMin, m.inotifyInstancesMax, m.inotifyInstancesLast]).toEqual([5, 50, 50]);
    const h = await t.db.reportHour.findUniqueOrThrow({ where: { hostId_bucket: { hostId, bucket: new Date(base) } } });
    expect([h.inotifyInstancesMax, h.inotifyInstancesLast]).toEqual([50, 3]);
  });

  it('merges a report that arrived on time into a minute the job has passed (a replica whose clock runs ahead)', async () => {
    await rollupOnce(t.db, now); // whatever ran before: minute 1 is behind the watermark
    const at = base + 90_000;
    const { hostId: id } = await ingestReport(t.db, principal, makeReport({ hostName: 'roll-ahead', collectedAt: new Date(at), instances: 77 }), new Date(at + 1000));
    const m = await t.db.reportMinute.findUnique({ where: { hostId_bucket: { hostId: id, bucket: new Date(base + MIN) } } });
    expect(m?.inotifyInstancesMax).toBe(77);
  });

  it('merges a report that waited past the late age before its batch was written (a stalled database)', async () => {
    await rollupOnce(t.db, now);
    const at = (await rollupWatermark(t.db))!.getTime() + 5 * MIN; // ahead of the job: only its age can make it late
    const prepared = (host: string, waitedMs: number) => {
      const p = prepare(makeReport({ hostName: host, collectedAt: new Date(at), instances: 33 }), new Date(at + 1000));
      return { ...p, preparedAt: p.preparedAt - waitedMs };
    };
    const [waited, fresh] = await writeBatch(t.db, [prepared('roll-waited', 3 * MIN), prepared('roll-fresh', 0)]);
    const minuteOf = async (r: typeof waited) =>
      t.db.reportMinute.findUnique({ where: { hostId_bucket: { hostId: r!.ok ? r!.value.hostId : '', bucket: new Date(Math.floor(at / MIN) * MIN) } } });
    expect((await minuteOf(waited))?.inotifyInstancesMax).toBe(33);
    expect(await minuteOf(fresh)).toBeNull(); // on time: left to the job
  });

  it('reads raw reports for hours, minutes for days and hours for a month', async () => {
    const raw = await hostSeries(t.db, hostId, new Date(base), new Date(base + 2 * HOUR), 15, now);
    expect(raw.resolution).toBe('raw');
    expect(Math.max(...raw.points.map((p) => p.inotifyInstancesUsed))).toBe(50);
    const minute = await hostSeries(t.db, hostId, new Date(base - 2 * 86400_000), now, 15, now);
    expect(minute.resolution).toBe('minute');
    expect(minute.points.map((p) => p.inotifyInstancesUsed)).toEqual([50, 20]);
    const hour = await hostSeries(t.db, hostId, new Date(now.getTime() - 30 * 86400_000), now, 15, now);
    expect(hour.resolution).toBe('hour');
    expect(hour.points.map((p) => p.inotifyInstancesUsed)).toEqual([50, 20]);
    // A short range older than raw retention falls back to rollups.
    const old = await hostSeries(t.db, hostId, new Date(base - 8 * 86400_000), new Date(base - 8 * 86400_000 + HOUR), 15, now);
    expect(old.resolution).toBe('minute');
  });
});

describe.each(dbKinds)('compaction on %s', (kind) => {
  let t: TestDatabase;
  const base = Math.floor(Date.now() / HOUR) * HOUR - 4 * HOUR;
  const now = new Date(base + 4 * HOUR + 5 * MIN);
  const send = (at: number, instances: number, received = new Date(at + 1000)) =>
    ingestReport(t.db, principal, makeReport({ hostName: 'compact', collectedAt: new Date(at), instances }), received);
  let hostId: string;

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    // Hour 0: three reports; hour 1: one; hour 3 (the last whole hour): one, kept as rows.
    for (const [at, v] of [[0, 1], [15_000, 2], [20 * MIN, 3], [HOUR + 5 * MIN, 4], [3 * HOUR + 1000, 5]] as const) hostId = (await send(base + at, v)).hostId;
    await rollupOnce(t.db, now);
  });
  afterAll(async () => { await t.close(); });

  it('moves closed hours the rollups have passed into one row per host and hour, and reads them back unchanged', async () => {
    const before = await hostSeries(t.db, hostId, new Date(base), now, 15, now);
    expect(await compactOnce(t.db, now)).toBe(2);
    expect(await t.db.report.count()).toBe(1);
    const chunk = await t.db.reportChunk.findUniqueOrThrow({ where: { hostId_hour: { hostId, hour: new Date(base) } } });
    expect(chunk.at).toEqual([0, 15_000, 20 * MIN]);
    expect(chunk.inotifyInstancesUsed).toEqual([1, 2, 3]);
    const after = await hostSeries(t.db, hostId, new Date(base), now, 15, now);
    expect(after).toEqual(before);
    expect(after.points.map((p) => p.inotifyInstancesUsed)).toEqual([1, 2, 3, 4, 5]);
  });

  it('takes a late report into a compacted hour, once, even when it is sent twice', async () => {
    await send(base + 30 * MIN, 9, now);
    await send(base + 30 * MIN, 9, now);
    // Still a row until the next compaction; readers see it either way.
    const series = await hostSeries(t.db, hostId, new Date(base), new Date(base + HOUR), 15, now);
    expect(series.points.map((p) => p.inotifyInstancesUsed)).toEqual([1, 2, 3, 9]);
    await compactOnce(t.db, new Date(now.getTime() + HOUR));
    const chunk = await t.db.reportChunk.findUniqueOrThrow({ where: { hostId_hour: { hostId, hour: new Date(base) } } });
    expect(chunk.inotifyInstancesUsed).toEqual([1, 2, 3, 9]);
  });
});
