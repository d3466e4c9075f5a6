// A host's history: series, per-UID series, who held what at a moment, the CSV export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { setDbForTests } from '../server/db/client';
import { exportHostCsv } from './export-csv';
import { hostMoment, peakWithin } from './host-moment';
import { hostSeries } from './host-series';
import { ingestReport } from '../ingest';
import { uidSeries } from './uid-series';
import { testPrincipal as principal } from '../testing/principal';

const t0 = Date.now() - 10 * 60_000;

describe('host history', () => {
  let t: TestDatabase;
  let hostId: string;
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    setDbForTests(t.db);
    for (let i = 0; i < 3; i++) {
      const r = makeReport({ hostName: 'hist', instances: 10 + i * 10, collectedAt: new Date(t0 + i * 60_000) });
      r.uids.push({ uid: 1000 + i, user: `u${i}`, instances: i + 1, watches: i === 0 ? 5000 : 5 }); // u0: fewest instances, most watches
      r.processes[0]!.pid = 100 + i;
      hostId = (await ingestReport(t.db, principal, r)).hostId;
    }
  });
  afterAll(async () => {
    setDbForTests(undefined);
    await t.close();
  });

  it('reads the series in its range, one point a report here', async () => {
    const { resolution, points } = await hostSeries(t.db, hostId, new Date(t0 - 1000), new Date(), 15);
    expect(resolution).toBe('raw');
    expect(points.map((p) => p.inotifyInstancesUsed)).toEqual([10, 20, 30]);
  });

  it('shows who held what at a chosen moment', async () => {
    const m = await hostMoment(t.db, hostId, new Date(t0 + 90_000));
    expect(m!.at.getTime()).toBe(t0 + 60_000);
    expect(m!.processes[0]!.pid).toBe(101);
    expect(m!.uids.map((u) => u.uid)).toEqual([0, 1001]);
    expect((await hostMoment(t.db, hostId, new Date(t0 - 3600_000)))!.processes[0]!.pid).toBe(100);
  });

  it('gives the per-user counts and the processes of a moment each their own time', async () => {
    // Two reports a minute apart with the same users: only the processes are stored again.
    const at = (i: number) => new Date(t0 + i * 60_000);
    let id = '';
    for (const i of [0, 1]) {
      const r = makeReport({ hostName: 'apart', instances: 10, collectedAt: at(i) });
      r.processes[0]!.pid = 500 + i;
      id = (await ingestReport(t.db, principal, r)).hostId;
    }
    const m = await hostMoment(t.db, id, new Date(t0 + 61_000));
    expect(m).toMatchObject({ at: at(1), processesAt: at(1), uidsAt: at(0) });
  });

  it('finds the report that peaked within a clicked bucket', async () => {
    // Instances 10, 20, 30 a minute apart: the peak of a stretch is its highest report, not its edge.
    expect((await peakWithin(t.db, hostId, 'inotifyInstances', new Date(t0 - 1000), new Date(t0 + 90_000)))!.getTime()).toBe(t0 + 60_000);
    expect((await peakWithin(t.db, hostId, 'inotifyInstances', new Date(t0 - 1000), new Date(t0 + 180_000)))!.getTime()).toBe(t0 + 120_000);
    expect(await peakWithin(t.db, hostId, 'processFds', new Date(t0 - 600_000), new Date(t0 - 1000))).toBeNull();
  });

  it('charts the UIDs that peaked highest', async () => {
    const s = await uidSeries(t.db, hostId, new Date(t0 - 1000), new Date(), 15, 3);
    expect(s.instances.map((u) => u.uid)).toEqual([0, 1002, 1001]);
    // Chosen apart for watches: u0 holds one instance but the most watches.
    expect(s.watches.map((u) => u.uid).slice(0, 2)).toEqual([1000, 0]);
    expect(s.bucketMs).toBe(15_000);
    const at = (ms: number) => s.points.find((p) => p.t === Math.floor(ms / 15_000) * 15_000);
    expect(at(t0 + 120_000)).toMatchObject({ i0: 30, i1002: 3 });
    // Samples hold until the next one: 30 s after the second report, its counts still show.
    expect(at(t0 + 90_000)).toMatchObject({ i0: 20, i1001: 2 });
  });

  it('buckets a long range in whole report intervals', async () => {
    const s = await uidSeries(t.db, hostId, new Date(Date.now() - 86400_000), new Date(), 15, 3);
    const steps = s.points.slice(1).map((p, i) => p.t! - s.points[i]!.t!);
    expect(steps.length).toBeGreaterThan(0);
    // 24 h over at most 500 buckets: 180 s, not 173.
    expect(new Set(steps)).toEqual(new Set([180_000]));
  });

  it('exports the shown range as CSV', async () => {
    const { filename, csv } = await exportHostCsv(t.db, hostId, new Date(t0 - 1000), new Date());
    expect(filename).toMatch(/^hist-.*\.csv$/);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('time,inotifyInstancesUsed,inotifyInstancesLimit,inotifyWatchesUsed,inotifyWatchesLimit,systemFdsUsed,systemFdsLimit,processFdsUsed,processFdsLimit,containersRunning');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT.*,10,128,/);
    await expect(exportHostCsv(t.db, '00000000-0000-4000-8000-000000000000', new Date(0), new Date())).rejects.toThrow('no such host');
  });
});
