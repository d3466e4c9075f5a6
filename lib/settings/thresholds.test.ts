// The fleet's status levels are settings: the fleet list, a host's page and
// watcher-panic risk follow them. Both databases, through the real ingest path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetQuery } from '../protocol';
import { DEFAULT_THRESHOLDS } from '../risk';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { getHost } from '../hosts';
import { ingestReport } from '../ingest';
import { queryFleet } from '../hosts';
import { getThresholds, setThresholds } from './thresholds';
import { runCommand } from '../commands';
import { testAdmin, testPrincipal as principal } from '../testing/principal';


describe.each(dbKinds)('fleet status levels on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(kind); });
  afterAll(async () => { await t.close(); });

  /** A host at 118 of 128 instances (92 %), with dockerd's UID holding them. */
  const send = async (name: string) => {
    const r = makeReport({ hostName: name, instances: 118 });
    r.daemons = [{ name: 'dockerd', pid: 7, euid: 0, fds: 10, fdLimit: 1024, version: null }];
    return (await ingestReport(t.db, principal, r)).hostId;
  };
  const statuses = async () => Object.fromEntries((await queryFleet(t.db, fleetQuery.parse({}))).hosts.map((h) => [h.name, h.status]));

  it('start at 80 / 90 % and three missed intervals, and refuse levels that make no sense', async () => {
    expect(await getThresholds(t.db)).toEqual(DEFAULT_THRESHOLDS);
    for (const bad of [{ warning: 0.9, critical: 0.8, silentAfterIntervals: 3 }, { warning: 0, critical: 0.9, silentAfterIntervals: 3 }, { warning: 0.8, critical: 0.9, silentAfterIntervals: 1 }]) {
      await expect(setThresholds(t.db, bad)).rejects.toMatchObject({ code: 'bad_request' });
    }
    expect(await getThresholds(t.db)).toEqual(DEFAULT_THRESHOLDS);
  });

  it('colour the fleet, the host page and watcher-panic risk', async () => {
    const id = await send('at-92');
    const quiet = await send('quiet');
    // quiet last reported a minute ago: silent after 3 intervals of 15 s, not after 10.
    await t.db.hostState.updateMany({ where: { hostId: quiet }, data: { receivedAt: new Date(Date.now() - 60_000) } });
    expect(await statuses()).toMatchObject({ 'at-92': 'critical', quiet: 'silent' });
    expect((await getHost(t.db, id)).summary.panicRisk).toBe(true);

    await runCommand('thresholds.set', testAdmin, { warning: 0.9, critical: 0.95, silentAfterIntervals: 10 }, { db: t.db });
    expect(await statuses()).toMatchObject({ 'at-92': 'warning', quiet: 'warning' });
    expect((await getHost(t.db, id)).summary.status).toBe('warning');
    // Panic risk is judged as reports arrive: the next one is below the new critical.
    await send('at-92');
    expect((await getHost(t.db, id)).summary.panicRisk).toBe(false);
    expect(await t.db.auditEvent.count({ where: { action: 'thresholds.set' } })).toBe(1);
  });
});
