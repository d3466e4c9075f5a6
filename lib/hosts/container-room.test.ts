// Room for more containers through the real ingest path on both databases:
// the seed's kind of host, one containerd shim instance per container.
import { describe, expect, it } from 'vitest';
import { ingestReport } from '../ingest';
import type { Report } from '../protocol';
import { makeReport } from '../testing/report-factory';
import { testPrincipal as principal } from '../testing/principal';
import { useRouteDatabase } from '../testing/route-database';
import type { TestDatabase } from '../testing/databases';
import { getHost } from './get-host';
import { queryFleet } from './query-fleet';
import { fleetQuery } from '../protocol';

const withContainers = (r: Report, running: number, instances: number): Report => ({
  ...r,
  uids: [{ uid: 0, user: 'root', instances, watches: 10 * instances }],
  daemons: [{ name: 'containerd', pid: 900, euid: 0, fds: 300, fdLimit: 1_048_576, version: '1.7.24' }],
  containers: { method: 'containerd-shim', running, total: null, buildkitImages: [] },
});

describe.each(['postgres', 'pglite'] as const)('room for more containers on %s', (kind) => {
  let t: TestDatabase;
  useRouteDatabase(kind, async (db) => { t = db; });

  it('learns what a container costs from the host\'s history and says how many more fit, on the host and the fleet', async () => {
    const start = Date.now() - 40 * 60_000;
    let id = '';
    // Forty minutes of containers starting, one a minute from 60; each adds a shim instance to root's 8.
    for (let m = 0; m <= 40; m++) {
      const r = withContainers(makeReport({ hostName: 'builder-120', collectedAt: new Date(start + m * 60_000) }), 60 + m, 68 + m);
      id = (await ingestReport(t.db, principal, r)).hostId;
    }
    const { summary } = await getHost(t.db, id);
    expect(summary.containerRoom).toMatchObject({ room: 20, perContainer: { instances: 1, watches: 10 }, from: 'history' });
    const fleet = await queryFleet(t.db, fleetQuery.parse({ q: 'builder-120' }));
    expect(fleet.hosts[0]!.containerRoom).toMatchObject({ room: 20 });
  });

  it('gives a time to exhaustion that follows the container count where no window of instances sees a trend', async () => {
    const start = Date.now() - 130 * 60_000;
    let id = '';
    // Ten containers every 20 minutes, a report a minute: a staircase the 30-minute instance window calls a step.
    for (let m = 0; m <= 130; m++) {
      const running = 50 + 10 * Math.floor(m / 20);
      const r = withContainers(makeReport({ hostName: 'stairs-110', collectedAt: new Date(start + m * 60_000) }), running, 8 + running);
      id = (await ingestReport(t.db, principal, r)).hostId;
    }
    const { summary } = await getHost(t.db, id);
    expect(summary.rising.inotifyInstances).toBe(0);
    expect(summary.followsContainers).toBe('inotifyInstances');
    // Room for 10 at 30 containers an hour: about 20 minutes.
    expect(summary.containerRoom).toMatchObject({ room: 10, from: 'history', binds: 'inotifyInstances' });
    const secs = summary.exhaustion.inotifyInstances!;
    expect(secs).toBe(summary.containerRoom!.fullInSeconds);
    expect(secs / 60).toBeGreaterThan(16);
    expect(secs / 60).toBeLessThan(25);
    expect(summary.exhaustionSeconds).toBe(secs);
    // The fleet sorts by the same forecast: this host before one that is not rising.
    await ingestReport(t.db, principal, withContainers(makeReport({ hostName: 'stairs-0-flat' }), 50, 58));
    const fleet = await queryFleet(t.db, fleetQuery.parse({ q: 'stairs', sort: 'exhaustion' }));
    expect(fleet.hosts.map((h) => [h.name, h.exhaustionSeconds === null])).toEqual([['stairs-110', false], ['stairs-0-flat', true]]);
  });

  it('uses the ratio now while the count holds still, and has nothing to say on a host without containers', async () => {
    const r = withContainers(makeReport({ hostName: 'steady-50' }), 50, 100);
    const { hostId } = await ingestReport(t.db, principal, r);
    expect((await getHost(t.db, hostId)).summary.containerRoom).toMatchObject({ room: 14, from: 'ratio' });
    const bare = await ingestReport(t.db, principal, makeReport({ hostName: 'no-containers' }));
    expect((await getHost(t.db, bare.hostId)).summary.containerRoom).toBeNull();
  });
});
