// The hosts API (the fleet page's query) through the real route handler: every
// combination of search, status, label and watcher-panic filter, under every
// sort both ways, walked page by page, against the same hosts filtered and
// sorted here from the unfiltered answer. Empty values mean "any".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as alertsGet } from '@/app/api/v1/alerts/route';
import { GET as hostsGet } from '@/app/api/v1/hosts/route';
import { dimensionKeys, fleetSorts, type DimensionKey, type FleetSort } from '../protocol';
import { apiError, hostList, type HostSummary, type Status } from '../protocol';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { testPrincipal } from '../testing/principal';
import { makeReport } from '../testing/report-factory';
import { setDbForTests } from '../server/db/client';
import { createToken } from '../access';
import { ingestReport } from '../ingest';

interface Seed {
  name: string; instances: number; labels: string[]; slope?: number; containers?: number; panic?: boolean; silent?: boolean;
  /** An open alert: firing ones raise the status (not a silent host's); pending ones and host silence do not. */
  alert?: { severity: 'warning' | 'critical'; state: 'firing' | 'pending'; dimension: string };
}
const seeds: Seed[] = [
  { name: 'ci-runner-1', instances: 120, labels: ['ci'], containers: 5, panic: true },
  { name: 'ci-runner-2', instances: 105, labels: ['ci', 'region=eu'], slope: 0.5, containers: 2 },
  { name: 'CI-Builder', instances: 10, labels: ['ci'], slope: 0.01 },
  { name: 'db-primary', instances: 60, labels: ['db', 'region=eu'], containers: 5, alert: { severity: 'critical', state: 'pending', dimension: 'inotifyInstances' } },
  { name: 'db-replica', instances: 118, labels: ['db'], slope: 2, panic: true },
  { name: 'web-1', instances: 30, labels: [], alert: { severity: 'warning', state: 'firing', dimension: 'processFds' } },
  { name: 'web-2', instances: 100, labels: ['region=eu'], silent: true, panic: true, alert: { severity: 'critical', state: 'firing', dimension: 'exhaustion' } },
  { name: 'edge', instances: 110, labels: [], slope: 0.1, containers: 1, alert: { severity: 'critical', state: 'firing', dimension: 'exhaustion' } },
  { name: 'lone', instances: 60, labels: [], alert: { severity: 'critical', state: 'firing', dimension: 'silent' } },
];

const rank: Record<Status, number> = { critical: 3, silent: 2, warning: 1, ok: 0 };
/** What each sort orders by, read from a host's summary as a user sees it; null sorts last either way. */
const key: Record<FleetSort, (h: HostSummary) => number | string | null> = {
  status: (h) => rank[h.status] + h.worstFraction / 10,
  name: (h) => h.name,
  ...Object.fromEntries(dimensionKeys.map((k) => [k, (h: HostSummary) => h.dimensions[k].fraction])) as Record<DimensionKey, (h: HostSummary) => number>,
  exhaustion: (h) => h.exhaustionSeconds,
  containers: (h) => h.containersRunning,
  failures: (h) => h.failuresLastHour,
  lastSeen: (h) => h.lastSeen,
};

function expected(all: HostSummary[], p: Record<string, string>): string[] {
  const q = p.q?.trim().toLowerCase();
  const sort = (p.sort || 'status') as FleetSort;
  const dir = p.dir || (sort === 'name' || sort === 'exhaustion' ? 'asc' : 'desc');
  const cmp = (a: HostSummary, b: HostSummary) => {
    const x = key[sort](a);
    const y = key[sort](b);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      const c = x < y ? -1 : 1;
      return dir === 'asc' ? c : -c;
    }
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  };
  return all
    .filter((h) => !q || h.name.toLowerCase().includes(q))
    .filter((h) => !p.status || h.status === p.status)
    .filter((h) => !p.label?.trim() || h.labels.includes(p.label.trim()))
    .filter((h) => p.panic !== '1' || h.panicRisk)
    .sort(cmp)
    .map((h) => h.name);
}

describe.each(dbKinds)('hosts API queries on %s', (kind) => {
  let t: TestDatabase;
  let read: string;
  const get = async (query: string) => {
    const res = await hostsGet(new Request(`http://test/api/v1/hosts?${query}`, { headers: { authorization: `Bearer ${read}` } }));
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const list = async (query: string) => {
    const r = await get(query);
    expect(r.status, query).toBe(200);
    return hostList.parse(r.body);
  };

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    setDbForTests(t.db);
    read = (await createToken(t.db, { name: 'dashboards', scope: 'read' })).token;
    // Alerts written as evaluation leaves them; the rule is off, so nothing here evaluates.
    const rule = await t.db.alertRule.create({ data: { name: 'seeded', dimension: 'exhaustion', warning: 3600, critical: 900, enabled: false } });
    for (const s of seeds) {
      const r = makeReport({ hostName: s.name, instances: s.instances });
      const { hostId } = await ingestReport(t.db, testPrincipal, { ...r, host: { ...r.host, labels: s.labels }, containers: { ...r.containers, running: s.containers ?? 0 } });
      await t.db.hostState.update({
        where: { hostId },
        data: { inotifyInstancesSlope: s.slope ?? 0, panicRisk: s.panic ?? false, ...(s.silent ? { receivedAt: new Date(Date.now() - 3600_000) } : {}) },
      });
      if (s.alert) {
        await t.db.alert.create({ data: { hostId, ruleId: rule.id, ...s.alert, openKey: `${hostId}:${rule.id}`, value: 1, startedAt: new Date(), firedAt: s.alert.state === 'firing' ? new Date() : null } });
      }
    }
  });
  afterAll(async () => {
    setDbForTests(undefined);
    await t.close();
  });

  it('takes an empty value as "any", as the fleet form sends it', async () => {
    const all = await list('');
    expect(all.total).toBe(seeds.length);
    for (const query of ['label=', 'status=&label=', 'q=&status=&label=&sort=&dir=&page=&per=', 'q=%20%20&label=%20', 'panic=']) {
      const r = await list(query);
      expect(r.hosts.map((h) => h.name), query).toEqual(all.hosts.map((h) => h.name));
      expect(r.counts, query).toEqual(all.counts);
    }
    // A search typed in the form comes with the other fields empty.
    expect((await list('q=runner&status=&label=')).hosts.map((h) => h.name)).toEqual(['ci-runner-1', 'ci-runner-2']);
    // The alerts filter form sends its "any" the same way, to the same strict reading.
    const alerts = await alertsGet(new Request('http://test/api/v1/alerts?view=&host=&severity=&dimension=', { headers: { authorization: `Bearer ${read}` } }));
    expect(alerts.status).toBe(200);
    expect(((await alerts.json()) as { alerts: { host: { name: string } }[] }).alerts.map((a) => a.host.name).sort()).toEqual(['edge', 'lone', 'web-1', 'web-2']);
  });

  it('still refuses a value it does not take, naming the parameter', async () => {
    for (const [query, path] of [['status=critcal', 'status'], ['status=&label=&sort=worst', 'sort'], ['panic=yes', 'panic'], ['per=0&label=', 'per']] as const) {
      const r = await get(query);
      expect(r.status, query).toBe(400);
      expect(apiError.parse(r.body).error, query).toMatchObject({ code: 'invalid_query', issues: [{ path }] });
    }
  });

  it('combines search, status, label and watcher-panic risk with every sort, both ways, page by page', async () => {
    const all = (await list('')).hosts;
    // The seeds cover every status, so every status filter has something to find.
    expect(new Set(all.map((h) => h.status))).toEqual(new Set(['ok', 'warning', 'critical', 'silent']));
    const by = Object.fromEntries(all.map((h) => [h.name, `${h.statusFromFigures}>${h.status}`]));
    expect(by).toMatchObject({ 'web-1': 'ok>warning', edge: 'warning>critical', 'web-2': 'silent>silent', lone: 'ok>ok', 'db-primary': 'ok>ok' });
    const sorts = [undefined, ...fleetSorts].flatMap((sort) => [undefined, 'asc', 'desc'].map((dir) => ({ sort, dir })));
    let i = 0;
    let nonEmpty = 0;
    for (const q of [undefined, '', 'ci', 'REPLICA'])
      for (const status of [undefined, '', 'ok', 'warning', 'critical', 'silent'])
        for (const label of [undefined, '', 'ci', 'region=eu'])
          for (const panic of [undefined, '1']) {
            // Each filter combination under the next sort in turn: all sorts meet all filters across the loop.
            const order = sorts[i++ % sorts.length]!;
            const p = Object.fromEntries(Object.entries({ q, status, label, panic, ...order }).filter(([, v]) => v !== undefined)) as Record<string, string>;
            const want = expected(all, p);
            const per = 2;
            const got: string[] = [];
            for (let page = 1; page <= Math.max(1, Math.ceil(want.length / per)); page++) {
              const query = new URLSearchParams({ ...p, per: String(per), page: String(page) }).toString();
              const r = await list(query);
              expect(r.total, query).toBe(want.length);
              got.push(...r.hosts.map((h) => h.name));
            }
            expect(got, JSON.stringify(p)).toEqual(want);
            if (want.length) nonEmpty++;
          }
    expect(nonEmpty).toBeGreaterThan(40);
  });
});
