// Two server replicas on one Postgres: each with its own database client, so
// its own ingest queue, host and token caches and background worker, as two
// processes would have. They ingest the same fleet at once (the same hosts,
// and some reports sent to both), evaluate alerts and deliver notifications.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertMessage } from '../alerts';
import { rulesFireAtOnce } from '../testing/alerting';
import { simFleet, simReport } from '../sim/fleet';
import { openTestDatabase, type TestDatabase } from '../testing/databases';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/receivers';
import { until } from '../testing/wait';
import { createDb, type Db } from '../server/db/client';
import { closeRaw } from '../server/db/raw';
import { createChannel } from '../alerts';
import { ingestReport } from '../ingest';
import { queryFleet } from './query-fleet';
import { fleetQuery } from '../protocol';
import { startWorker } from '../ops';
import { testPrincipal as principal } from '../testing/principal';

const HOSTS = 300;
const ROUNDS = 6;

describe('two replicas on one Postgres', () => {
  let t: TestDatabase;
  let hook: WebhookReceiver;
  let replicas: Db[];
  let stops: (() => Promise<void>)[];

  beforeAll(async () => {
    t = await openTestDatabase('postgres');
    hook = await startWebhookReceiver();
    await createChannel(t.db, { kind: 'webhook', name: 'hook', enabled: true, config: { url: hook.url } });
    // Level rules only: the test's timing must not decide whether hosts look silent or trending.
    await t.db.alertRule.updateMany({ where: { dimension: { in: ['exhaustion', 'silent'] } }, data: { enabled: false } });
    await rulesFireAtOnce(t.db);
    replicas = [createDb(t.url), createDb(t.url)];
    stops = replicas.map((db) => startWorker(db, { evaluateMs: 200, deliverMs: 200, publicUrl: 'http://headroom.test', repeatMs: 3600_000, groupWaitMs: 0, log: () => {} }));
  });
  afterAll(async () => {
    await Promise.all(stops.map((s) => s()));
    await Promise.all(replicas.map(async (db) => { await closeRaw(db); await db.$disconnect(); }));
    await hook.close();
    await t.close();
  });

  it('stores every report once, keeps each host at its newest report, and alerts and notifies once', async () => {
    const fleet = simFleet(HOSTS).map((h) => ({ ...h, pattern: h.pattern === 'silent' ? 'steady' as const : h.pattern }));
    const epoch = Date.now() - ROUNDS * 15_000;
    const answers: Promise<{ duplicate: boolean }>[] = [];
    let sent = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, h] of fleet.entries()) {
        // Simulated time 60–135 s: the last round finds CI hosts near the peak of a build.
        const r = simReport(h, 60 + round * 15, epoch - 60_000, 15, round + 1)!;
        // Every tenth report goes to both replicas at once: an agent retrying after a lost answer.
        const targets = i % 10 === 0 ? replicas : [replicas[(i + round) % 2]!];
        for (const db of targets) answers.push(ingestReport(db, principal, structuredClone(r)));
        sent++;
      }
    }
    const results = await Promise.all(answers);
    const fresh = results.filter((r) => !r.duplicate).length;
    expect(fresh).toBe(sent);
    expect(results.length - fresh).toBe(HOSTS / 10 * ROUNDS);
    expect(await t.db.report.count()).toBe(sent);
    expect(await t.db.hostState.count()).toBe(HOSTS);
    const last = new Date(epoch + (ROUNDS - 1) * 15_000);
    expect(await t.db.hostState.count({ where: { collectedAt: last } })).toBe(HOSTS);

    // CI hosts near their instance limit fire; both workers evaluate; each fires once and is delivered once.
    const critical = await t.db.hostState.count({ where: { inotifyInstancesUsed: { gte: 0.9 * 128 }, inotifyInstancesLimit: 128 } });
    expect(critical).toBeGreaterThan(0);
    await until('every notification delivered', async () => (await t.db.notification.count({ where: { status: 'delivered' } })) > 0 && (await t.db.notification.count({ where: { status: { not: 'delivered' } } })) === 0, 30_000);
    const firingEvents = await t.db.alertEvent.groupBy({ by: ['alertId', 'kind'], _count: true });
    expect(firingEvents.filter((e) => e._count > 1)).toEqual([]);
    const messages = hook.received.flatMap((r) => (r.json as { alerts: AlertMessage[] }).alerts).map((m) => `${m.alertId}/${m.event}`);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.length).toBe(new Set(messages).size);

    // The dashboard reads the same fleet through either replica.
    const q = fleetQuery.parse({});
    const [a, b] = await Promise.all(replicas.map((db) => queryFleet(db, q)));
    expect(a!.total).toBe(HOSTS);
    expect(b!.counts).toEqual(a!.counts);
  }, 120_000);
});
