// The default rules as installed, through real rounds on both databases: a
// minute of for, one incident per host and resource, a resolution only after
// a clear spell, the same alert reopened when it comes back, one message per
// host. Each host reports once (an hour's interval keeps it from counting as
// silent); its state is then set as later reports would leave it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AlertMessage } from './message';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/receivers';
import { makeReport } from '../testing/report-factory';
import { testPrincipal as principal } from '../testing/principal';
import { createChannel } from './channel-store';
import { deliverNotifications } from './deliver-notifications';
import { evaluateAlerts } from './evaluate-alerts';
import { ingestReport } from '../ingest';

const opts = { publicUrl: 'http://headroom.test', repeatMs: 4 * 3600_000, groupWaitMs: 0 };
const S = 1000;

describe.each(dbKinds)('quiet alerts with the default rules, on %s', (kind) => {
  let t: TestDatabase;
  let hook: WebhookReceiver;
  // Each test runs its rounds in a time of its own, after the previous test's.
  let clock = Date.now();
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    hook = await startWebhookReceiver();
    await createChannel(t.db, { kind: 'webhook', name: 'hook', enabled: true, config: { url: hook.url } });
  });
  afterAll(async () => {
    await hook.close();
    await t.close();
  });
  // Half an hour on for each test: the hosts of earlier ones, heard an hour's interval apart, are not silent yet.
  afterEach(() => { hook.received.length = 0; clock += 1800 * S; });

  const host = async (name: string) => (await ingestReport(t.db, principal, makeReport({ hostName: name, intervalSeconds: 3600, instances: 10 }))).hostId;
  /** The host's state as its reports would leave it: instances used, and their trend (per second). */
  const state = (hostId: string, o: { instances?: number; watches?: number; slope?: number }) => t.db.hostState.update({
    where: { hostId },
    data: { inotifyInstancesUsed: o.instances ?? 10, inotifyWatchesUsed: o.watches ?? 100, inotifyInstancesSlope: o.slope ?? 0, receivedAt: new Date(clock) },
  });
  /** Rounds every 5 s from `from` to `to` seconds into the test's time, then delivery: what the webhook got. */
  const rounds = async (from: number, to: number, groupWaitMs = 0) => {
    for (let s = from; s <= to; s += 5) await evaluateAlerts(t.db, { ...opts, groupWaitMs, now: new Date(clock + s * S) });
    await deliverNotifications(t.db, { now: new Date(clock + to * S + 60 * S) });
  };
  const told = () => hook.received.map((r) => (r.json as { alerts: AlertMessage[] }).alerts.map((a) => `${a.event}:${a.severity}:${a.dimension}`).join(' + '));

  it('waits a minute, then sends the host one message listing both of its alerts', async () => {
    const id = await host('busy');
    await state(id, { instances: 122, watches: 62_000 });
    await rounds(0, 55);
    expect(hook.received).toHaveLength(0);
    expect(await t.db.alert.count({ where: { hostId: id, state: 'pending' } })).toBe(2);
    await rounds(60, 60);
    expect(told()).toEqual(['firing:critical:inotifyInstances + firing:critical:inotifyWatches']);
    expect(await t.db.notification.count({ where: { payload: { path: ['host', 'id'], equals: id } } })).toBe(1);
  });

  it('pages once for a climb: the trend first, the level only when worse, one resolution after a clear spell', async () => {
    const id = await host('climbing');
    // 100 of 128 rising 0.05 a second: full in 560 s, critical for the trend, 78 % for the level.
    await state(id, { instances: 100, slope: 0.05 });
    await rounds(0, 180);
    expect(told()).toEqual(['firing:critical:exhaustion']);
    const [ttx] = (hook.received[0]!.json as { alerts: AlertMessage[] }).alerts;
    expect(ttx).toMatchObject({ resource: 'inotifyInstances', subject: 'uid 0 (root)', used: 100, limit: 128 });
    expect(ttx!.summary).toMatch(/^inotify instances of uid 0 \(root\) full in about 9 min, at \d\d:\d\d UTC: 100 of 128 now$/);
    hook.received.length = 0;
    // On to 95 %: the level rule fires a minute later, and says nothing the trend did not.
    await state(id, { instances: 122, slope: 0.05 });
    await rounds(185, 300);
    expect(hook.received).toHaveLength(0);
    const level = await t.db.alert.findFirstOrThrow({ where: { hostId: id, dimension: 'inotifyInstances' }, include: { events: { orderBy: { at: 'asc' } } } });
    expect(level.events.map((e) => `${e.kind}:${e.muted}`)).toEqual(['pending:null', 'firing:same incident']);
    // Back down: both clear, and only five minutes later does one resolution go out.
    await state(id, { instances: 20, slope: 0 });
    await rounds(305, 600);
    expect(hook.received).toHaveLength(0);
    await rounds(605, 610);
    expect(told()).toEqual(['resolved:critical:inotifyInstances']);
  });

  it('reopens the same alert when it comes back within the hour, and then waits twice as long to resolve it', async () => {
    const id = await host('flapping');
    await state(id, { instances: 122 });
    await rounds(0, 60);
    await state(id, { instances: 20 });
    await rounds(65, 370);
    await state(id, { instances: 122 });
    await rounds(400, 460);
    await state(id, { instances: 20 });
    await rounds(465, 765); // five minutes clear: not enough any more
    expect(told()).toEqual(['firing:critical:inotifyInstances', 'resolved:critical:inotifyInstances', 'firing:critical:inotifyInstances']);
    const alerts = await t.db.alert.findMany({ where: { hostId: id, dimension: 'inotifyInstances' } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ state: 'firing', flaps: 1 });
    expect((hook.received[2]!.json as { alerts: AlertMessage[] }).alerts[0]).toMatchObject({ alertId: alerts[0]!.id, flaps: 1 });
    await rounds(770, 1070);
    expect(told().at(-1)).toBe('resolved:critical:inotifyInstances');
  });

  it("adds what fires in the next rounds to the host's message while it waits out the group wait", async () => {
    const id = await host('grouped');
    await state(id, { instances: 122 });
    await rounds(0, 0, 15_000);
    await state(id, { instances: 122, watches: 62_000 });
    await rounds(5, 80, 15_000); // instances fire at 60 s, watches at 65 s: within the 15 s wait
    const rows = await t.db.notification.findMany({ where: { payload: { path: ['host', 'id'], equals: id } } });
    expect(rows).toHaveLength(1);
    expect(told()).toEqual(['firing:critical:inotifyInstances + firing:critical:inotifyWatches']);
  });
});
