// Delivery under a slow receiver and replicas racing: each alert reaches a
// channel once, batches retried together stay one digest, and one slow
// channel does not hold up another. Real databases, real HTTP receivers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertMessage } from './message';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/receivers';
import { makeReport } from '../testing/report-factory';
import { sleep } from '../testing/wait';
import { createChannel } from './channel-store';
import { deliverNotifications } from './deliver-notifications';
import { evaluateAlerts } from './evaluate-alerts';
import { ingestReport } from '../ingest';
import { testPrincipal as principal } from '../testing/principal';
import { atOnce, rulesFireAtOnce } from '../testing/alerting';

const opts = atOnce;

describe.each(dbKinds)('delivery on %s', (kind) => {
  let t: TestDatabase;
  let slow: WebhookReceiver;
  let fast: WebhookReceiver;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await rulesFireAtOnce(t.db);
    [slow, fast] = await Promise.all([startWebhookReceiver(), startWebhookReceiver()]);
    await createChannel(t.db, { kind: 'webhook', name: 'slow', enabled: true, config: { url: slow.url } });
  });
  afterAll(async () => {
    await Promise.all([slow.close(), fast.close()]);
    await t.close();
  });

  const alertIds = (r: WebhookReceiver) => r.received.flatMap((x) => (x.json as { alerts?: AlertMessage[]; alertId?: string }).alerts?.map((a) => a.alertId) ?? [(x.json as AlertMessage).alertId]);
  const fire = async (prefix: string, n: number) => {
    for (let i = 0; i < n; i++) await ingestReport(t.db, principal, makeReport({ hostName: `${prefix}-${i}`, instances: 122 }));
    await evaluateAlerts(t.db, opts);
  };

  it('sends each alert once when a claim lapses while earlier batches go to a slow receiver', async () => {
    await fire('race', 6);
    slow.delay(1000);
    // Replica A claims all six for 1.5 s and sends them two at a time, a second each;
    // replica B comes by after A's claim on the third batch has lapsed.
    const o = { leaseMs: 1500, digestMax: 2 };
    const a = deliverNotifications(t.db, o);
    await sleep(1700);
    const b = deliverNotifications(t.db, o);
    const [ra, rb] = await Promise.all([a, b]);
    slow.delay(0);
    const ids = alertIds(slow);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    expect(ra.delivered + rb.delivered).toBe(6);
    expect(await t.db.notification.count({ where: { status: { not: 'delivered' } } })).toBe(0);
  });

  it('retries a failed digest as one digest, and a slow channel does not hold up another', async () => {
    await createChannel(t.db, { kind: 'webhook', name: 'fast', enabled: true, config: { url: fast.url } });
    await fire('digest', 10);
    slow.received.length = 0;
    fast.received.length = 0;
    slow.failNext(1);
    slow.delay(1500);
    const started = Date.now();
    let fastDoneAt = 0;
    const done = deliverNotifications(t.db, { backoffBaseMs: 10, backoffMaxMs: 5000 });
    await (async () => { while (fast.received.length === 0) await sleep(20); fastDoneAt = Date.now(); })();
    await done;
    expect(fastDoneAt - started).toBeLessThan(1500);
    expect(fast.received).toHaveLength(1);
    // All ten wait for the same next attempt, and go out again as one digest.
    const pending = await t.db.notification.findMany({ where: { status: 'pending' }, select: { nextAttemptAt: true } });
    expect(pending).toHaveLength(10);
    expect(new Set(pending.map((p) => p.nextAttemptAt.getTime())).size).toBe(1);
    slow.delay(0);
    await deliverNotifications(t.db, { now: new Date(Date.now() + 10_000) });
    expect(slow.received).toHaveLength(1);
    expect(alertIds(slow)).toHaveLength(10);
  });
});
