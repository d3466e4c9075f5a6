// Rollups packed into chunks (minutes by the hour, hours by the UTC day),
// against both databases: the host page reads the same series before and
// after, late reports still merge as min/max/last, and retention removes
// chunks past their window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { compactHoursOnce, compactMinutesOnce } from './compact-rollups';
import { hostSeries } from './host-series';
import { ingestReport } from '../ingest';
import { pruneOnce } from './retention';
import { mergeRange, rollupOnce } from './rollup';
import { testPrincipal as principal } from '../testing/principal';

const MIN = 60_000;
const HOUR = 3600_000;
const DAY = 86400_000;

describe.each(dbKinds)('minute compaction on %s', (kind) => {
  let t: TestDatabase;
  const base = Math.floor(Date.now() / HOUR) * HOUR - 4 * HOUR;
  const now = new Date(base + 4 * HOUR + 5 * MIN);
  const send = (at: number, instances: number, received = new Date(at + 1000)) =>
    ingestReport(t.db, principal, makeReport({ hostName: 'minutes', collectedAt: new Date(at), instances }), received);
  let hostId: string;
  // A 24 h chart reads minute rollups.
  const day = () => hostSeries(t.db, hostId, new Date(now.getTime() - DAY), now, 15, now);

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    // Hour 0: minute 0 (4, 8, 6) and minute 20; hour 1: minute 5; hour 3 (the last whole hour): kept as rows.
    for (const [at, v] of [[0, 4], [15_000, 8], [30_000, 6], [20 * MIN, 3], [HOUR + 5 * MIN, 7], [3 * HOUR + 1000, 5]] as const) {
      hostId = (await send(base + at, v)).hostId;
    }
    await rollupOnce(t.db, now);
  });
  afterAll(async () => { await t.close(); });

  it('moves the minutes of closed hours into one row per host and hour, and the host page reads the same series', async () => {
    const before = await day();
    expect(before.resolution).toBe('minute');
    expect(await compactMinutesOnce(t.db, now)).toBe(2);
    expect((await t.db.reportMinute.findMany()).map((m) => m.bucket.getTime() - base)).toEqual([3 * HOUR]);
    const c = await t.db.reportMinuteChunk.findUniqueOrThrow({ where: { hostId_hour: { hostId, hour: new Date(base) } } });
    expect(c.minute).toEqual([0, 20]);
    expect([c.inotifyInstancesMin, c.inotifyInstancesMax, c.inotifyInstancesLast]).toEqual([[4, 3], [8, 3], [6, 3]]);
    expect(c.lastAt).toEqual([30_000, 0]);
    expect(await day()).toEqual(before);
    expect((await day()).points.map((p) => p.inotifyInstancesUsed)).toEqual([8, 3, 7, 5]);
    // Nothing left to do until another hour closes.
    expect(await compactMinutesOnce(t.db, now)).toBe(0);
  });

  it('merges a late report into a compacted minute: min, max and last as if it had come in time', async () => {
    await send(base + 45_000, 1, now);
    // A row beside the chunk until the next compaction; the chart's peak is unchanged by it.
    expect((await day()).points.map((p) => p.inotifyInstancesUsed)).toEqual([8, 3, 7, 5]);
    expect(await compactMinutesOnce(t.db, now)).toBe(1);
    const c = await t.db.reportMinuteChunk.findUniqueOrThrow({ where: { hostId_hour: { hostId, hour: new Date(base) } } });
    expect(c.minute).toEqual([0, 20]);
    expect([c.inotifyInstancesMin, c.inotifyInstancesMax, c.inotifyInstancesLast, c.lastAt]).toEqual([[1, 3], [8, 3], [1, 3], [45_000, 0]]);
    expect(await t.db.reportMinute.count({ where: { bucket: { lt: new Date(base + 3 * HOUR) } } })).toBe(0);
  });

  it('is removed by retention once its whole hour is past the minute window', async () => {
    // 30 days on: everything but the hour rollups has aged out.
    const later = new Date(base + 30 * DAY + HOUR + 30 * MIN);
    await pruneOnce(t.db, later);
    const left = await t.db.reportMinuteChunk.findMany({ orderBy: { hour: 'asc' } });
    // Hour 0 ended more than 30 days before; hour 1 ends 30 days before plus half an hour: kept.
    expect(left.map((c) => c.hour.getTime() - base)).toEqual([HOUR]);
    expect(await t.db.reportHour.count()).toBeGreaterThan(0);
  });
});

describe.each(dbKinds)('hour compaction on %s', (kind) => {
  let t: TestDatabase;
  // Three UTC midnights ago: two whole days of hour rollups, both closed.
  const base = Math.floor(Date.now() / DAY) * DAY - 3 * DAY;
  const now = new Date(base + 2 * DAY + 2 * HOUR);
  const send = (at: number, instances: number, received = new Date(at + 1000)) =>
    ingestReport(t.db, principal, makeReport({ hostName: 'hours', collectedAt: new Date(at), instances }), received);
  let hostId: string;
  // A 30-day chart reads hour rollups.
  const month = () => hostSeries(t.db, hostId, new Date(now.getTime() - 30 * DAY), now, 15, now);

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    // Day 0: hour 0 (4, then 8 at 30 s) and hour 5 (3); day 1: hour 1 (7).
    for (const [at, v] of [[0, 4], [30_000, 8], [5 * HOUR, 3], [DAY + HOUR, 7]] as const) hostId = (await send(base + at, v)).hostId;
    await rollupOnce(t.db, now);
  });
  afterAll(async () => { await t.close(); });

  it('moves the hours of closed UTC days into one row per host and day, and the host page reads the same series', async () => {
    const before = await month();
    expect(before.resolution).toBe('hour');
    expect(await compactHoursOnce(t.db, now)).toBe(2);
    expect(await t.db.reportHour.count()).toBe(0);
    const c = await t.db.reportHourChunk.findUniqueOrThrow({ where: { hostId_day: { hostId, day: new Date(base) } } });
    expect(c.hour).toEqual([0, 5]);
    expect([c.inotifyInstancesMin, c.inotifyInstancesMax, c.inotifyInstancesLast, c.lastAt]).toEqual([[4, 3], [8, 3], [8, 3], [30_000, 0]]);
    expect(await month()).toEqual(before);
    expect((await month()).points.map((p) => p.inotifyInstancesUsed)).toEqual([8, 3, 7]);
  });

  it('merges a late report into a compacted day', async () => {
    await send(base + 2 * HOUR, 1, now);
    expect(await compactHoursOnce(t.db, now)).toBe(1);
    const c = await t.db.reportHourChunk.findUniqueOrThrow({ where: { hostId_day: { hostId, day: new Date(base) } } });
    expect(c.hour).toEqual([0, 2, 5]);
    expect((await month()).points.map((p) => p.inotifyInstancesUsed)).toEqual([8, 1, 3, 7]);
  });

  it('is removed by retention once its whole day is past the hour window', async () => {
    await pruneOnce(t.db, new Date(base + 366 * DAY + 12 * HOUR));
    expect((await t.db.reportHourChunk.findMany()).map((c) => c.day.getTime() - base)).toEqual([DAY]);
  });
});

describe.each(dbKinds)('rollups on a server whose time zone is half an hour off UTC, on %s', (kind) => {
  let t: TestDatabase;
  const base = Math.floor(Date.now() / DAY) * DAY - 3 * DAY;
  const now = new Date(base + 2 * DAY + 2 * HOUR);

  beforeAll(async () => { t = await openTestDatabase(kind); });
  afterAll(async () => { await t.close(); });

  it('buckets hours in UTC, so a day packs into whole hours and reads back unchanged', async () => {
    let hostId = '';
    for (const [at, v] of [[10 * MIN, 4], [5 * HOUR + 40 * MIN, 9], [23 * HOUR + 50 * MIN, 6]] as const) {
      hostId = (await ingestReport(t.db, principal, makeReport({ hostName: 'kolkata', collectedAt: new Date(base + at), instances: v }), new Date(base + at + 1000))).hostId;
    }
    // The rollup job's merge, in a session set to India's time (UTC+5:30).
    await t.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL TIME ZONE 'Asia/Kolkata'`);
      await mergeRange(tx, new Date(base), new Date(base + DAY));
    });
    await rollupOnce(t.db, now);
    const rows = await t.db.reportHour.findMany({ where: { hostId }, orderBy: { bucket: 'asc' } });
    expect(rows.map((r) => r.bucket.getTime() - base)).toEqual([0, 5 * HOUR, 23 * HOUR]);
    const month = () => hostSeries(t.db, hostId, new Date(now.getTime() - 30 * DAY), now, 15, now);
    const before = await month();
    expect(await compactHoursOnce(t.db, now)).toBe(1);
    const c = await t.db.reportHourChunk.findUniqueOrThrow({ where: { hostId_day: { hostId, day: new Date(base) } } });
    expect(c.hour).toEqual([0, 5, 23]);
    expect(await month()).toEqual(before);
  });
});
