// Forwarding to a real Alertmanager started by the test: what it holds after
// each step (its own API), and what it tells a webhook of its own, resolves
// included.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingestReport } from '../../ingest';
import { channelInput } from '../../protocol';
import { atOnce, rulesFireAtOnce } from '../../testing/alerting';
import { startAlertmanager, type RunningAlertmanager } from '../../testing/alertmanager';
import { dbKinds, openTestDatabase, type TestDatabase } from '../../testing/databases';
import { testPrincipal as principal } from '../../testing/principal';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/receivers';
import { makeReport } from '../../testing/report-factory';
import { createChannel, sendTest } from '../channel-store';
import { deliverNotifications } from '../deliver-notifications';
import { evaluateAlerts } from '../evaluate-alerts';
import { forwardToAlertmanagers } from '../forward';
import { emptyAllowList, parseAllowList } from './destination';
import { postableAlerts, sendAlertmanager } from './alertmanager';

interface Told { status: string; alerts: { status: string; labels: Record<string, string> }[] }

describe.each(dbKinds)('Alertmanager forwarding on %s', (kind) => {
  let t: TestDatabase;
  let am: RunningAlertmanager;
  let hook: WebhookReceiver;
  const host = `am-${kind}`;
  const round = async (instances: number) => {
    await ingestReport(t.db, principal, makeReport({ hostName: host, instances, instanceLimit: 128 }));
    await evaluateAlerts(t.db, atOnce);
    await deliverNotifications(t.db);
  };
  const held = async () => (await am.alerts()).filter((a) => a.labels.host === host).map((a) => `${a.labels.alertname} ${a.labels.severity}`);
  const told = () => hook.received.map((r) => r.json as Told);

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await rulesFireAtOnce(t.db);
    hook = await startWebhookReceiver();
    am = await startAlertmanager(hook.url);
    await createChannel(t.db, { kind: 'alertmanager', name: 'am', enabled: true, config: { url: am.url } });
  });
  afterAll(async () => {
    await am?.close();
    await hook?.close();
    await t?.close();
  });
  afterEach(() => { hook.received.length = 0; });

  it('fires in Alertmanager, steps from warning to critical as one set ending and another firing, and resolves', async () => {
    await round(105);
    expect(await held()).toEqual(['HeadroomInotifyInstances warning']);
    const [alert] = (await am.alerts()).filter((a) => a.labels.host === host);
    expect(alert!.labels).toMatchObject({ dimension: 'inotify_instances', rule: expect.any(String), source: 'headroom' });
    expect(alert!.annotations.summary).toContain(`${host}: inotify instances of uid 0 (root): 105 of 128`);
    expect(Date.parse(alert!.endsAt) - Date.now()).toBeGreaterThan(4 * 60_000);
    await vi.waitFor(() => expect(told().some((m) => m.status === 'firing')).toBe(true), { timeout: 10_000 });

    await round(118);
    expect(await held()).toEqual(['HeadroomInotifyInstances critical']);

    await round(60);
    expect(await held()).toEqual([]);
    await vi.waitFor(() => expect(told().at(-1)).toMatchObject({ status: 'resolved' }), { timeout: 10_000 });
  });

  it('re-sends the firing set each minute, and a late firing re-send is undone by the next', async () => {
    await round(118);
    const before = Date.parse((await am.alerts()).find((a) => a.labels.host === host)!.endsAt);
    const r = await forwardToAlertmanagers(t.db, { publicUrl: atOnce.publicUrl, now: new Date(Date.now() + 120_000) });
    expect(r).toMatchObject({ channels: 1, failed: [] });
    const after = Date.parse((await am.alerts()).find((a) => a.labels.host === host)!.endsAt);
    expect(after - before).toBeGreaterThan(100_000);

    await round(60);
    expect(await held()).toEqual([]);
    // A re-send that read the alert firing just before it resolved, arriving after the resolve:
    const stale = { alertId: 'x', event: 'repeat' as const, severity: 'critical' as const, rule: 'r', dimension: 'inotifyInstances' as const, resource: 'inotifyInstances' as const, subject: null,
      host: { id: 'h', name: host }, value: 0.92, used: 118, limit: 128, exhaustionSecs: null, fullAt: null, flaps: 0, summary: 's', at: new Date().toISOString(), url: 'http://headroom.test' };
    const rule = (await t.db.alertRule.findFirstOrThrow({ where: { dimension: 'inotifyInstances' } })).name;
    await sendAlertmanager({ url: am.url }, [{ ...stale, rule }], parseAllowList('127.0.0.1'));
    expect(await held()).toEqual(['HeadroomInotifyInstances critical']);
    await forwardToAlertmanagers(t.db, { publicUrl: atOnce.publicUrl });
    expect(await held()).toEqual([]);
  });

  it('sends a test from the channel list as an info alert of its own', async () => {
    const ch = await t.db.channel.findFirstOrThrow({ where: { kind: 'alertmanager' } });
    await sendTest(t.db, ch.id, 'http://headroom.test');
    const r = await deliverNotifications(t.db);
    expect(r.delivered).toBe(1);
    const test = (await am.alerts()).filter((a) => a.labels.alertname === 'HeadroomTest');
    expect(test).toHaveLength(1);
    expect(test[0]!.labels.severity).toBe('info');
  });

  it('is refused at an internal address the allow-list does not name', async () => {
    const m = postableAlerts({ alertId: 'a', event: 'firing', severity: 'warning', rule: 'r', dimension: 'silent', resource: null, subject: null, host: { id: 'h', name: 'n' }, value: 1, used: null, limit: null, exhaustionSecs: null, fullAt: null, flaps: 0, summary: 's', at: new Date().toISOString(), url: 'u' }, new Date());
    expect(m[0]!.labels).toEqual({ alertname: 'HeadroomHostSilent', severity: 'warning', host: 'n', rule: 'r', source: 'headroom' });
    await expect(sendAlertmanager({ url: am.url }, [], emptyAllowList())).rejects.toThrow(/loopback/);
    expect(channelInput.safeParse({ kind: 'alertmanager', name: 'x', config: { url: 'alertmanager:9093' } }).error!.issues[0]!.path).toEqual(['config', 'url']);
  });
});
