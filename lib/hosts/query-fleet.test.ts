import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetQuery } from '../protocol';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { failuresOf, makeReport } from '../testing/report-factory';
import { ingestReport } from '../ingest';
import { queryFleet } from './query-fleet';
import { testPrincipal as principal } from '../testing/principal';

const q = (params: Record<string, string> = {}) => fleetQuery.parse(params);

describe.each(dbKinds)('fleet query on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    const hosts: [string, number, string[]][] = [['alpha', 10, ['ci']], ['bravo', 105, ['ci']], ['charlie', 120, []], ['delta', 60, ['db']], ['echo', 118, ['db']]];
    for (const [name, instances, labels] of hosts) {
      const r = makeReport({ hostName: name, instances });
      await ingestReport(t.db, principal, { ...r, host: { ...r.host, labels } });
    }
    // foxtrot last reported long ago: silent.
    await ingestReport(t.db, principal, makeReport({ hostName: 'foxtrot', instances: 5 }));
    await t.db.hostState.updateMany({ where: { host: { name: 'foxtrot' } }, data: { receivedAt: new Date(Date.now() - 3600_000) } });
  });
  afterAll(async () => { await t.close(); });

  it('puts trouble first: critical, silent, warning, ok, by fraction within', async () => {
    const page = await queryFleet(t.db, q());
    expect(page.hosts.map((h) => `${h.name}:${h.status}`)).toEqual(['charlie:critical', 'echo:critical', 'foxtrot:silent', 'bravo:warning', 'delta:ok', 'alpha:ok']);
    expect(page.counts).toMatchObject({ all: 6, critical: 2, silent: 1, warning: 1, ok: 2 });
    expect(page.total).toBe(6);
  });

  it('sorts by any column both ways, searches names, filters status and label, and pages', async () => {
    expect((await queryFleet(t.db, q({ sort: 'name' }))).hosts.map((h) => h.name)).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot']);
    expect((await queryFleet(t.db, q({ sort: 'inotifyInstances', dir: 'asc' }))).hosts.map((h) => h.name)).toEqual(['foxtrot', 'alpha', 'delta', 'bravo', 'echo', 'charlie']);
    expect((await queryFleet(t.db, q({ q: 'LPH' }))).hosts.map((h) => h.name)).toEqual(['alpha']);
    expect((await queryFleet(t.db, q({ status: 'critical' }))).hosts.map((h) => h.name)).toEqual(['charlie', 'echo']);
    const db = await queryFleet(t.db, q({ label: 'db' }));
    expect(db.hosts.map((h) => h.name)).toEqual(['echo', 'delta']);
    expect(db.counts.all).toBe(2);
    const p2 = await queryFleet(t.db, q({ sort: 'name', per: '10', page: '1' }));
    expect(p2.hosts).toHaveLength(6);
    const empty = await queryFleet(t.db, q({ sort: 'name', page: '2' }));
    expect(empty.hosts).toEqual([]);
    // Past the last page the total is still known, so the page can lead back.
    expect(empty.total).toBe(6);
    expect((await queryFleet(t.db, q({ status: 'critical', page: '3' }))).total).toBe(2);
  });

  it('filters to watcher-panic risk, silent hosts excepted, and counts the same hosts it lists', async () => {
    await t.db.hostState.updateMany({ where: { host: { name: { in: ['echo', 'delta', 'foxtrot'] } } }, data: { panicRisk: true } });
    try {
      const page = await queryFleet(t.db, q({ panic: '1' }));
      expect(page.hosts.map((h) => h.name)).toEqual(['echo', 'delta']);
      expect(page.total).toBe(2);
      expect(page.counts.panicRisk).toBe(2);
      expect((await queryFleet(t.db, q({ panic: '1', status: 'ok' }))).total).toBe(1);
      // A silent host's flag is stale, in its summary as in the count.
      expect((await queryFleet(t.db, q({ q: 'foxtrot' }))).hosts[0]).toMatchObject({ status: 'silent', panicRisk: false });
    } finally {
      await t.db.hostState.updateMany({ data: { panicRisk: false } });
    }
  });

  it('groups by label: a heading per label with its counts, a host under each label it carries, sorted and paged within', async () => {
    await t.db.host.updateMany({ where: { name: 'bravo' }, data: { labels: ['ci', 'db'] } });
    try {
      const rows = (p: Awaited<ReturnType<typeof queryFleet>>) => p.hosts.map((h, i) => `${p.grouping!.rowGroups[i] ?? '-'}/${h.name}`);
      const all = await queryFleet(t.db, q({ group: 'label', sort: 'name' }));
      expect(rows(all)).toEqual(['ci/alpha', 'ci/bravo', 'db/bravo', 'db/delta', 'db/echo', '-/charlie', '-/foxtrot']);
      expect(all.grouping!.groups).toEqual([
        { label: 'ci', total: 2, critical: 0, warning: 1, silent: 0 },
        { label: 'db', total: 3, critical: 1, warning: 1, silent: 0 },
        { label: null, total: 2, critical: 1, warning: 0, silent: 1 },
      ]);
      // Host-label rows over all pages; the fleet's own counts stay one per host.
      expect(all.total).toBe(7);
      expect(all.counts.all).toBe(6);
      // Page 2 of 3 rows: only the groups on it, each still with its full count.
      const p2 = await queryFleet(t.db, { ...q({ group: 'label', sort: 'name', page: '2' }), per: 3 });
      expect(rows(p2)).toEqual(['db/delta', 'db/echo', '-/charlie']);
      expect(p2.grouping!.groups.map((g) => [g.label, g.total])).toEqual([['db', 3], [null, 2]]);
      // Worst first within each group, filters as without grouping.
      expect(rows(await queryFleet(t.db, q({ group: 'label' })))).toEqual(['ci/bravo', 'ci/alpha', 'db/echo', 'db/bravo', 'db/delta', '-/charlie', '-/foxtrot']);
      const critical = await queryFleet(t.db, q({ group: 'label', status: 'critical' }));
      expect(rows(critical)).toEqual(['db/echo', '-/charlie']);
      expect(critical.total).toBe(2);
      expect((await queryFleet(t.db, q())).grouping).toBeNull();
    } finally {
      await t.db.host.updateMany({ where: { name: 'bravo' }, data: { labels: [] } });
    }
  });

  it('answers the same summaries as the per-host read', async () => {
    const page = await queryFleet(t.db, q({ q: 'bravo' }));
    expect(page.hosts[0]).toMatchObject({ name: 'bravo', labels: ['ci'], dimensions: { inotifyInstances: { used: 105, limit: 128 } } });
  });

  it("gives a silent host no time to exhaustion: its last trend is stale", async () => {
    // foxtrot and delta both climbing at their last report; foxtrot is silent.
    await t.db.hostState.updateMany({ where: { host: { name: { in: ['foxtrot', 'delta'] } } }, data: { inotifyInstancesSlope: 1 } });
    const page = await queryFleet(t.db, q({ sort: 'exhaustion', dir: 'asc' }));
    const by = Object.fromEntries(page.hosts.map((h) => [h.name, h.exhaustionSeconds]));
    expect(by.delta).toBeCloseTo(68, 0);
    expect(by.foxtrot).toBeNull();
    expect(page.hosts[0]!.name).toBe('delta');
    await t.db.hostState.updateMany({ where: { host: { name: { in: ['foxtrot', 'delta'] } } }, data: { inotifyInstancesSlope: 0 } });
  });

  it('counts, sorts and filters hosts whose watchers or files failed in the last hour', async () => {
    const now = Date.now();
    await ingestReport(t.db, principal, makeReport({ hostName: 'delta', collectedAt: new Date(now - 1000), instances: 60, failures: failuresOf([{ count: 4 }]) }));
    await ingestReport(t.db, principal, makeReport({ hostName: 'alpha', collectedAt: new Date(now - 500), instances: 10, failures: failuresOf([{ count: 1, call: 'openat' }]) }));
    // Two hours ago: not in the last hour.
    await ingestReport(t.db, principal, makeReport({ hostName: 'echo', collectedAt: new Date(now - 2 * 3600_000), instances: 118, failures: failuresOf([{ count: 9 }]) }));
    const failed = await queryFleet(t.db, q({ failed: '1h' }));
    expect(failed.hosts.map((h) => [h.name, h.failuresLastHour])).toEqual([['delta', 4], ['alpha', 1]]);
    expect(failed.total).toBe(2);
    expect(failed.counts.failedLastHour).toBe(2);
    expect((await queryFleet(t.db, q({ failed: '1h', status: 'ok' }))).total).toBe(2);
    expect((await queryFleet(t.db, q({ failed: '1h', status: 'critical' }))).total).toBe(0);
    expect((await queryFleet(t.db, q({ sort: 'failures' }))).hosts.slice(0, 2).map((h) => h.name)).toEqual(['delta', 'alpha']);
    expect((await queryFleet(t.db, q())).hosts.find((h) => h.name === 'echo')!.failuresLastHour).toBe(0);
  });
});
