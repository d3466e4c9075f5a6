// The fleet page's view: its query, the hosts it streams, and who may add one.
import { describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../alerts';
import { ingestReport } from '../ingest';
import { atOnce, rulesFireAtOnce } from '../testing/alerting';
import { testPrincipal } from '../testing/principal';
import { makeReport } from '../testing/report-factory';
import { useRouteDatabase } from '../testing/route-database';
import { fleetPage } from './fleet';
import type { Viewer } from './viewer';

const admin: Viewer = { id: 'u1', name: 'ada', role: 'admin' };
const viewer: Viewer = { id: 'u2', name: 'vic', role: 'viewer' };

describe('the fleet page view', () => {
  useRouteDatabase('pglite', async (t) => {
    await rulesFireAtOnce(t.db);
    for (const [name, instances] of [['web-1', 10], ['db-1', 125]] as const) {
      for (const ago of [120_000, 60_000, 0]) await ingestReport(t.db, testPrincipal, makeReport({ hostName: name, instances, collectedAt: new Date(Date.now() - ago) }));
    }
    await evaluateAlerts(t.db, atOnce);
  });

  it('lists every host, worst first, with a trend each and the firing count', async () => {
    const view = fleetPage(admin, {});
    expect(view.q).toMatchObject({ sort: 'status', page: 1 });
    expect(view.removed).toBeNull();
    const hosts = await view.hosts;
    expect(hosts.page.hosts.map((h) => [h.name, h.status])).toEqual([['db-1', 'critical'], ['web-1', 'ok']]);
    expect(hosts.page.counts).toMatchObject({ all: 2, critical: 1, ok: 1 });
    expect(hosts.firing).toBe(1);
    expect([...hosts.trends.keys()].sort()).toEqual(hosts.page.hosts.map((h) => h.id).sort());
    expect(hosts.filtered).toBe(false);
    expect(hosts.addHostLocked).toBeUndefined();
  });

  it('narrows to the query in the URL and says a host was removed', async () => {
    const view = fleetPage(admin, { q: 'web', removed: 'old-1' });
    expect(view.removed).toBe('old-1');
    const hosts = await view.hosts;
    expect(hosts.page.hosts.map((h) => h.name)).toEqual(['web-1']);
    expect(hosts.filtered).toBe(true);
    expect(fleetPage(admin, { removed: ['a', 'b'] }).removed).toBeNull();
  });

  it('tells a viewer why they cannot add a host', async () => {
    expect((await fleetPage(viewer, {}).hosts).addHostLocked).toBe('viewers cannot create tokens; ask an admin');
  });
});
