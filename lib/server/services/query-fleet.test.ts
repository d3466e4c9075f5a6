import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetQuery } from '../../fleet-query';
import { dbKinds, openTestDatabase, type TestDatabase } from '../../testing/databases';
import { makeReport } from '../../testing/report-factory';
import { ingestReport } from './ingest-report';
import { queryFleet } from './query-fleet';
import { testPrincipal as principal } from '../../testing/principal';

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
});
