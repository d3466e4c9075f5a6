// The host page's view: what its tiles, charts, tables and advice show, read from stored reports.
import { describe, expect, it } from 'vitest';
import { ingestReport } from '../ingest';
import { dbKinds, type TestDatabase } from '../testing/databases';
import { testPrincipal } from '../testing/principal';
import { failuresOf, makeReport } from '../testing/report-factory';
import { failedBy, failedCall } from '../risk';
import { useRouteDatabase } from '../testing/route-database';
import { hostFound, hostPage } from './host';
import type { Viewer } from './viewer';

const admin: Viewer = { id: 'u1', name: 'ada', role: 'admin' };
const viewer: Viewer = { id: 'u2', name: 'vic', role: 'viewer' };
const now = new Date();
const t0 = now.getTime() - 10 * 60_000;
const at = (i: number) => new Date(t0 + i * 60_000);

describe.each(dbKinds)('the host page view (%s)', (kind) => {
  let id: string;
  let t: TestDatabase;
  useRouteDatabase(kind, async (db) => {
    t = db;
    // The middle report peaks at 90 of 128 instances; the latest is back at 30.
    for (const [i, instances] of [10, 90, 30].entries()) {
      const r = makeReport({ hostName: 'web-1', instances, instanceLimit: 128, collectedAt: at(i) });
      r.processes[0]!.pid = 100 + i;
      r.processes[0]!.command = `mysqld --password=hunter2 --port 3306 --run ${i}`;
      id = (await ingestReport(t.db, testPrincipal, r)).hostId;
    }
  });

  it('shows the latest figures, every report on the charts and the latest report in the tables', async () => {
    const view = (await hostPage(admin, id, {}, now))!;
    expect(view.summary.name).toBe('web-1');
    expect(view.headroom.summary.dimensions.inotifyInstances).toMatchObject({ used: 30, limit: 128 });
    expect(view.headroom.summaryAt).toEqual(at(2));
    expect(view.charts.series.points.map((p) => p.inotifyInstancesUsed)).toEqual([10, 90, 30]);
    expect(view.charts.range).toEqual({ from: now.getTime() - 3600_000, to: now.getTime() });
    expect(view.charts.selectedAt).toBeUndefined();
    expect(view.moment).toMatchObject({ asked: null, shown: { at: at(2) }, limit: { instances: 128 } });
    expect(view.moment!.shown.processes[0]!.pid).toBe(102);
    expect(view.live).toBe(true);
    expect(view.range).toMatchObject({ custom: false, resolution: 'raw', shownAt: at(2) });
  });

  it('advises from the peak of the range shown, not the latest report', async () => {
    expect((await hostPage(admin, id, {}, now))!.advice.map((a) => a.title)).toEqual(['Raise fs.inotify.max_user_instances to 512']);
    // A custom range after the peak: nothing to raise.
    const later = { from: String(at(2).getTime() - 1000), to: String(now.getTime()) };
    const view = (await hostPage(admin, id, later, now))!;
    expect(view.range.custom).toBe(true);
    expect(view.charts.series.points.map((p) => p.inotifyInstancesUsed)).toEqual([30]);
    expect(view.advice).toEqual([]);
    expect(view.live).toBe(false);
  });

  it('shows the moment asked for, marked on the charts, and stops refreshing', async () => {
    const view = (await hostPage(admin, id, { at: String(at(1).getTime() + 30_000) }, now))!;
    expect(view.moment!.shown.at).toEqual(at(1));
    expect(view.moment!.shown.processes[0]!.pid).toBe(101);
    expect(view.moment!.asked).toMatchObject({ at: at(1).getTime() + 30_000, peakFound: false, latestHref: '?range=1h' });
    expect(view.charts.selectedAt).toBe(at(1).getTime());
    expect(view.live).toBe(false);
  });

  it('locks the admins\' controls for others, saying why', async () => {
    expect((await hostPage(admin, id, {}, now))!.labels.locked).toBeUndefined();
    const view = (await hostPage(viewer, id, {}, now))!;
    expect(view.labels.locked).toBe('viewers cannot change labels; ask an admin');
    expect(view.remove).toEqual({ hostId: id, name: 'web-1', locked: 'viewers cannot remove hosts; ask an admin' });
  });

  it('shows command lines whole to admins and with their secrets masked to everyone else', async () => {
    expect((await hostPage(admin, id, {}, now))!.moment!.shown.processes[0]!.command).toBe('mysqld --password=hunter2 --port 3306 --run 2');
    const seen = (await hostPage(viewer, id, {}, now))!.moment!.shown.processes[0]!.command;
    expect(seen).toBe('mysqld --password=•••• --port 3306 --run 2');
    const moment = (await hostPage(viewer, id, { at: String(at(1).getTime() + 30_000) }, now))!.moment!.shown.processes[0]!.command;
    expect(moment).not.toContain('hunter2');
  });

  it('lists the failed calls of the range, newest first, marked on the chart of the limit they ran into', async () => {
    const r = makeReport({ hostName: 'builder', collectedAt: at(5), failures: failuresOf([
      { count: 3, container: 'buildkit-builder', at: at(4.5) },
      { call: 'inotify_add_watch', errno: 'ENOSPC', program: 'node', pid: 77, count: 1, at: at(4.8) },
    ], at(4)) });
    const builder = (await ingestReport(t.db, testPrincipal, r)).hostId;
    const view = (await hostPage(viewer, builder, {}, now))!;
    expect(view.failures).toMatchObject({ total: 4, dropped: 0, lines: 2, capture: { on: true } });
    expect(view.failures.events.map((e) => `${failedBy(e, e.uid === null ? null : view.failures.users[e.uid])} ${failedCall(e)} @${e.at - t0}`)).toEqual([
      `node (pid 77, root) inotify_add_watch → ENOSPC @${4.8 * 60_000}`,
      `buildkitd (pid 4242, root, container buildkit-builder) inotify_init1 → EMFILE ×3 @${4.5 * 60_000}`,
    ]);
    expect(view.charts.failures.map((f) => f.dimension)).toEqual(['inotifyWatches', 'inotifyInstances']);
    // An agent that cannot capture says why; the page passes it on.
    const off = makeReport({ hostName: 'builder', collectedAt: at(6) });
    off.failures = { ...failuresOf([]), capture: 'off', reason: 'not-permitted', message: 'run the agent as root' };
    await ingestReport(t.db, testPrincipal, off);
    expect((await hostPage(viewer, builder, {}, now))!.failures.capture).toEqual({ on: false, reason: 'not-permitted', message: 'run the agent as root' });
  });

  it('finds no host for an unknown or malformed id', async () => {
    expect(await hostFound(id)).toBe(true);
    expect(await hostFound('00000000-0000-4000-8000-00000000dead')).toBe(false);
    expect(await hostPage(admin, '00000000-0000-4000-8000-00000000dead', {}, now)).toBeNull();
    expect(await hostPage(admin, 'not-an-id', {}, now)).toBeNull();
  });
});
