// The whole chain on the real failure: inside a user namespace with 10 inotify
// instances allowed, the real agent reports (over HTTP, with --once) while
// instances come and go; the notifications a webhook receives must be warning,
// critical, resolved, in that order, none while silenced, none after acknowledge.
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertMessage } from '../lib/alerts';
import { atOnce, rulesFireAtOnce } from '../lib/testing/alerting';
import { setDbForTests } from '../lib/server/db/client';
import { acknowledgeAlert } from '../lib/alerts';
import { createChannel } from '../lib/alerts';
import { createToken } from '../lib/access';
import { deliverNotifications } from '../lib/alerts';
import { evaluateAlerts } from '../lib/alerts';
import { createSilence, expireSilence } from '../lib/alerts';
import { startAppServer, type AppServer } from '../lib/testing/app-server';
import { openTestDatabase, type TestDatabase } from '../lib/testing/databases';
import { startWebhookReceiver, type WebhookReceiver } from '../lib/testing/receivers';
import { startHolder, type Holder } from './testdata/holder';

const HOST = 'buildkit-runner';

describe('notifications from real agent reports of a real inotify ramp', () => {
  let t: TestDatabase;
  let server: AppServer;
  let hook: WebhookReceiver;
  let holder: Holder;
  let token: string;
  let spool: string;
  let held = 0;

  beforeAll(async () => {
    t = await openTestDatabase('postgres');
    setDbForTests(t.db);
    server = await startAppServer();
    hook = await startWebhookReceiver();
    await createChannel(t.db, { kind: 'webhook', name: 'hook', enabled: true, config: { url: hook.url } });
    // Reports a fraction of a second apart make a steep trend; the level rule is under test.
    await t.db.alertRule.updateMany({ where: { dimension: 'exhaustion' }, data: { enabled: false } });
    await rulesFireAtOnce(t.db);
    token = (await createToken(t.db, { name: 'agent', scope: 'ingest' })).token;
    holder = await startHolder({ userns: { uid: 4242, maxInstances: 10 } });
    spool = mkdtempSync(path.join(os.tmpdir(), 'hr-spool-'));
    chmodSync(spool, 0o777);
  });
  afterAll(async () => {
    holder.close();
    setDbForTests(undefined);
    await Promise.all([server.stop(), hook.close()]);
    await t.close();
  });

  /** Moves to `target` instances, then the agent reports once and the server evaluates and delivers. */
  async function holdAndReport(target: number) {
    while (held < target) {
      expect(await holder.inotify(1)).toBe('ok');
      held++;
    }
    if (held > target) {
      expect(await holder.closeInstances(held - target)).toBe('ok');
      held = target;
    }
    const out = await holder.agent('--once', '--server', server.url, '--token', token, '--host-name', HOST, '--spool-dir', spool);
    expect(out).toBe('report '); // exit 0: delivered
    await evaluateAlerts(t.db, atOnce);
    await deliverNotifications(t.db);
  }
  const received = () => hook.received.flatMap((r) => (r.json as { alerts: AlertMessage[] }).alerts).map((a) => `${a.event}:${a.severity}:${a.used}/${a.limit}`);

  it('warns, escalates and resolves as instances rise to the wall and fall', async () => {
    for (const n of [2, 5, 7, 8, 9, 9, 6, 3]) await holdAndReport(n);
    expect(received()).toEqual(['firing:warning:8/10', 'escalated:critical:9/10', 'resolved:critical:6/10']);
    // The wall is real: the 11th instance cannot be had.
    await holdAndReport(10);
    expect(await holder.inotify(0)).toBe('err EMFILE');
    await holdAndReport(3);
  });

  it('stays quiet while the host is silenced', async () => {
    const before = received().length;
    const host = await t.db.host.findUniqueOrThrow({ where: { name: HOST } });
    const silence = await createSilence(t.db, { hostId: host.id, label: null, endsAt: new Date(Date.now() + 3600_000), reason: 'kernel upgrade' }, 'test');
    for (const n of [8, 9, 4]) await holdAndReport(n);
    expect(received().length).toBe(before);
    await expireSilence(t.db, silence.id);
  });

  it('sends nothing more for an alert once it is acknowledged', async () => {
    hook.received.length = 0;
    await holdAndReport(8);
    expect(received()).toEqual(['firing:warning:8/10']);
    const open = await t.db.alert.findFirstOrThrow({ where: { state: 'firing', host: { name: HOST } } });
    await acknowledgeAlert(t.db, open.id, 'oncall', null);
    for (const n of [9, 3]) await holdAndReport(n);
    expect(received()).toEqual(['firing:warning:8/10']);
    expect((await t.db.alert.findUniqueOrThrow({ where: { id: open.id } })).state).toBe('resolved');
  });
});
