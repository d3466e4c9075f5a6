// Faults with real processes: several `headroom worker`s on one Postgres, and
// workers killed between a state change and its delivery.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AlertMessage } from './message';
import type { Heartbeat } from './pause';
import { openTestDatabase, type TestDatabase } from '../testing/databases';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/receivers';
import { makeReport } from '../testing/report-factory';
import { createChannel } from './channel-store';
import { EVALUATED_KEY } from './evaluation-writes';
import { ingestReport } from '../ingest';
import { until } from '../testing/wait';
import { testPrincipal as principal } from '../testing/principal';
import { rulesFireAtOnce } from '../testing/alerting';

const root = path.resolve(import.meta.dirname, '../..');

describe('alert workers under faults', () => {
  let t: TestDatabase;
  let hook: WebhookReceiver;
  const workers: ChildProcess[] = [];

  // A 2 s lease lets the tests that kill a worker see its claim lapse quickly.
  // Delivery is at least once: a worker stalled longer than its lease while
  // sending (a loaded CI machine) is taken over and both send, so the test of
  // two healthy workers gives them a lease no stall reaches.
  function worker(...args: string[]): ChildProcess {
    const lease = args.includes('--long-lease') ? '60' : '2';
    // The CLI itself, not the bin/ wrapper: SIGKILL must hit the process doing the work.
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'lib/cli/main.ts', 'worker', ...args.filter((a) => a !== '--long-lease')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env, DATABASE_URL: t.url, HEADROOM_EVALUATE_INTERVAL: '0.3', HEADROOM_ALERT_GROUP_WAIT: '0',
        HEADROOM_DELIVERY_BACKOFF: '0.2', HEADROOM_DELIVERY_LEASE: lease, HEADROOM_PUBLIC_URL: 'http://headroom.test', HEADROOM_ALERT_RESOLVE_AFTER: '0',
      },
    });
    workers.push(child);
    return child;
  }
  const started = (c: ChildProcess) => new Promise<void>((resolve) => c.stdout!.once('data', () => resolve()));
  const alive = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;
  const kill = (c: ChildProcess) => new Promise<void>((resolve) => { c.once('exit', () => resolve()); c.kill('SIGKILL'); });
  const notifications = (host: string, status?: string | { not: string }) =>
    t.db.notification.count({ where: { status, payload: { path: ['host', 'name'], equals: host } } });
  /** Until `n` evaluation rounds begun after `since` have committed (each writes its start to the heartbeat). */
  const roundsAfter = async (since: number, n: number) => {
    const seen = new Set<string>();
    await until(`${n} evaluation rounds`, async () => {
      const at = ((await t.db.setting.findUnique({ where: { key: EVALUATED_KEY } }))?.value as Heartbeat | null)?.at;
      if (at && Date.parse(at) > since) seen.add(at);
      return seen.size >= n;
    });
  };
  const delivered = (host: string) => hook.received.flatMap((r) => (r.json as { alerts: AlertMessage[] }).alerts).filter((a) => a.host.name === host).map((a) => `${a.event}:${a.severity}`);

  beforeAll(async () => {
    t = await openTestDatabase('postgres');
    hook = await startWebhookReceiver();
    await createChannel(t.db, { kind: 'webhook', name: 'hook', enabled: true, config: { url: hook.url } });
    // Reports milliseconds apart would make a steep trend; these tests are about the level rule.
    await t.db.alertRule.updateMany({ where: { dimension: 'exhaustion' }, data: { enabled: false } });
    await rulesFireAtOnce(t.db);
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).filter(alive).map(kill));
  });
  afterAll(async () => {
    await hook.close();
    await t.close();
  });

  it('two workers evaluating at once send one notification per state change', async () => {
    const a = worker('--long-lease');
    const b = worker('--long-lease');
    await Promise.all([started(a), started(b)]);
    const steps: [number, number][] = [[105, 1], [118, 2], [30, 3]];
    for (const [instances, expected] of steps) {
      await ingestReport(t.db, principal, makeReport({ hostName: 'twins', instances }));
      await until(`${expected} deliveries`, () => delivered('twins').length >= expected);
    }
    // A duplicate would come from a round of either worker, then the outbox: let two rounds pass, then the sends.
    await roundsAfter(Date.now(), 2);
    await until('the outbox sent all of twins', async () => (await notifications('twins', { not: 'delivered' })) === 0);
    expect(delivered('twins')).toEqual(['firing:warning', 'escalated:critical', 'resolved:critical']);
    const events = await t.db.alertEvent.count({ where: { alert: { host: { name: 'twins' } } } });
    expect(events).toBe(3);
  });

  it('a worker killed after the state change but before delivery: the next one delivers it', async () => {
    const evaluator = worker('--no-deliver');
    await started(evaluator);
    await ingestReport(t.db, principal, makeReport({ hostName: 'orphan', instances: 120 }));
    await until('the outbox row', async () => (await t.db.notification.count({ where: { payload: { path: ['host', 'name'], equals: 'orphan' } } })) === 1);
    await kill(evaluator);
    expect(delivered('orphan')).toEqual([]);
    await started(worker('--no-evaluate'));
    await until('delivery', () => delivered('orphan').length === 1);
    // Marked delivered, so nothing sends it again: what arrived by then is all that will.
    await until('the notification marked delivered', async () => (await notifications('orphan', 'delivered')) === 1);
    expect(delivered('orphan')).toEqual(['firing:critical']);
  });

  it('a worker killed while sending: its claim lapses and another delivers once', async () => {
    hook.hang(true);
    const first = worker();
    await started(first);
    await ingestReport(t.db, principal, makeReport({ hostName: 'stuck', instances: 121 }));
    await until('a claimed notification', async () => (await t.db.notification.count({ where: { status: 'sending', payload: { path: ['host', 'name'], equals: 'stuck' } } })) === 1);
    await kill(first);
    hook.hang(false);
    await started(worker());
    await until('delivery after the lease', () => delivered('stuck').length === 1, 20_000);
    await until('the notification marked delivered', async () => (await notifications('stuck', 'delivered')) === 1);
    expect(delivered('stuck')).toEqual(['firing:critical']);
    expect(await notifications('stuck')).toBe(1);
  });
});
