// One status for a host wherever it shows: the fleet row, the fleet's tiles and
// status filter, the hosts API and the host page agree with its firing alerts.
// A warning-level host whose time to exhaustion fires a critical alert is critical.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as hostsGet } from '@/app/api/v1/hosts/route';
import { fleetQuery } from '../protocol';
import { hostList } from '../protocol';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { atOnce } from '../testing/alerting';
import { testPrincipal } from '../testing/principal';
import { makeReport } from '../testing/report-factory';
import { setDbForTests } from '../server/db/client';
import { createToken } from '../access';
import { evaluateAlerts } from '../alerts';
import { getHost } from './get-host';
import { ingestReport } from '../ingest';
import { queryFleet } from './query-fleet';
import { createRule } from '../alerts';

// Resolved as soon as the figures fall back: this is about the status shown, not the alert's clear spell.
const opts = atOnce;

describe.each(dbKinds)('one status truth on %s', (kind) => {
  let t: TestDatabase;
  let read: string;
  let leaking: string;

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    setDbForTests(t.db);
    read = (await createToken(t.db, { name: 'dashboards', scope: 'read' })).token;
    // Only the rule under test: the defaults' waits are theirs to tune.
    await t.db.alertRule.updateMany({ data: { enabled: false } });
    await createRule(t.db, { name: 'Time to exhaustion', dimension: 'exhaustion', warning: 3600, critical: 900, forSeconds: 0, hysteresis: 0.05, label: null, enabled: true });
    // 105 of 128 instances (82 %): warning by the fleet's levels; climbing 0.05 a second, full in 460 s.
    leaking = (await ingestReport(t.db, testPrincipal, makeReport({ hostName: 'leaking', instances: 105 }))).hostId;
    await t.db.hostState.update({ where: { hostId: leaking }, data: { inotifyInstancesSlope: 0.05 } });
    await ingestReport(t.db, testPrincipal, makeReport({ hostName: 'steady', instances: 105 }));
  });
  afterAll(async () => {
    setDbForTests(undefined);
    await t.close();
  });

  const api = async (query = '') => hostList.parse(await (await hostsGet(new Request(`http://test/api/v1/hosts?${query}`, { headers: { authorization: `Bearer ${read}` } }))).json());

  it('raises a host to the severity of its firing alert, in the list, the tiles, the filter, the API and the host page', async () => {
    await evaluateAlerts(t.db, opts);
    const alert = await t.db.alert.findFirstOrThrow({ where: { hostId: leaking } });
    expect(alert).toMatchObject({ state: 'firing', severity: 'critical', dimension: 'exhaustion' });

    const page = await queryFleet(t.db, fleetQuery.parse({}));
    const row = page.hosts.find((h) => h.name === 'leaking')!;
    expect(row).toMatchObject({ status: 'critical', statusFromFigures: 'warning', firingAlert: { severity: 'critical', rule: 'Time to exhaustion', dimension: 'exhaustion', count: 1 } });
    expect(row.firingAlert!.value).toBeCloseTo(460, 0);
    expect(page.hosts.find((h) => h.name === 'steady')).toMatchObject({ status: 'warning', statusFromFigures: 'warning', firingAlert: null });
    expect(page.counts).toMatchObject({ critical: 1, warning: 1 });
    // Worst first, and the CRITICAL tile's link lists what it counts.
    expect(page.hosts[0]!.name).toBe('leaking');
    expect((await queryFleet(t.db, fleetQuery.parse({ status: 'critical' }))).hosts.map((h) => h.name)).toEqual(['leaking']);
    expect((await queryFleet(t.db, fleetQuery.parse({ status: 'warning' }))).hosts.map((h) => h.name)).toEqual(['steady']);

    const listed = await api('status=critical');
    expect(listed.hosts.map((h) => [h.name, h.status, h.statusFromFigures])).toEqual([['leaking', 'critical', 'warning']]);
    expect(listed.counts.critical).toBe(1);
    expect((await getHost(t.db, leaking)).summary).toMatchObject({ status: 'critical', statusFromFigures: 'warning', firingAlert: { severity: 'critical' } });
  });

  it('falls back to the figures once the alert resolves, and never turns a silent host into another status', async () => {
    await t.db.hostState.update({ where: { hostId: leaking }, data: { inotifyInstancesSlope: 0 } });
    await evaluateAlerts(t.db, opts);
    expect((await t.db.alert.findFirstOrThrow({ where: { hostId: leaking } })).state).toBe('resolved');
    expect((await getHost(t.db, leaking)).summary).toMatchObject({ status: 'warning', firingAlert: null });
    expect((await api()).counts).toMatchObject({ critical: 0, warning: 2 });

    // A firing alert on a host that has since gone quiet: its figures and the alert are stale.
    await t.db.hostState.update({ where: { hostId: leaking }, data: { inotifyInstancesSlope: 0.05 } });
    await evaluateAlerts(t.db, opts);
    await t.db.hostState.update({ where: { hostId: leaking }, data: { receivedAt: new Date(Date.now() - 3600_000) } });
    const row = (await api('q=leaking')).hosts[0]!;
    expect(row).toMatchObject({ status: 'silent', statusFromFigures: 'silent', firingAlert: { severity: 'critical' } });
    expect((await api('status=silent')).hosts.map((h) => h.name)).toEqual(['leaking']);
  });
});
