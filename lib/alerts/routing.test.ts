// Routing per channel: a channel for critical only, a channel for one label's
// hosts, and one for everything, through evaluation and delivery.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ingestReport } from '../ingest';
import { channelInput } from '../protocol';
import { atOnce, rulesFireAtOnce } from '../testing/alerting';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { testPrincipal as principal } from '../testing/principal';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/receivers';
import { makeReport } from '../testing/report-factory';
import { createChannel, setChannelRoute } from './channel-store';
import { deliverNotifications } from './deliver-notifications';
import { evaluateAlerts } from './evaluate-alerts';
import type { AlertMessage } from './message';
import { routed } from './plan';

const msg = (event: AlertMessage['event'], severity: 'warning' | 'critical') => ({ event, severity }) as AlertMessage;

describe('which alerts a route lets through', () => {
  const all = [msg('firing', 'warning'), msg('escalated', 'critical'), msg('deescalated', 'warning'), msg('resolved', 'warning')];
  it('critical only: critical ones and every end of an alert, so what it opened is closed there', () => {
    expect(routed(all, { minSeverity: 'critical', labels: [] }, []).map((m) => m.event)).toEqual(['escalated', 'deescalated', 'resolved']);
  });
  it('by label: hosts with one of the labels only; no route: everything', () => {
    expect(routed(all, { minSeverity: 'warning', labels: ['team=ci'] }, ['env=prod'])).toEqual([]);
    expect(routed(all, { minSeverity: 'warning', labels: ['team=ci', 'x'] }, ['team=ci'])).toHaveLength(4);
    expect(routed(all, undefined, [])).toHaveLength(4);
  });
  it('refuses a route it cannot use, naming the field', () => {
    const r = channelInput.safeParse({ kind: 'slack', name: 'x', config: { url: 'https://hooks.example/x' }, route: { minSeverity: 'page' } });
    expect(r.error!.issues[0]!.path).toEqual(['route', 'minSeverity']);
  });
});

describe.each(dbKinds)('routing on %s', (kind) => {
  let t: TestDatabase;
  let everything: WebhookReceiver;
  let pager: WebhookReceiver;
  let ci: WebhookReceiver;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await rulesFireAtOnce(t.db);
    [everything, pager, ci] = await Promise.all([startWebhookReceiver(), startWebhookReceiver(), startWebhookReceiver()]);
    await createChannel(t.db, { kind: 'webhook', name: 'everything', enabled: true, config: { url: everything.url } });
    await createChannel(t.db, { kind: 'webhook', name: 'pager', enabled: true, config: { url: pager.url }, route: { minSeverity: 'critical', labels: [] } });
    await createChannel(t.db, { kind: 'webhook', name: 'ci team', enabled: true, config: { url: ci.url }, route: { minSeverity: 'warning', labels: ['team=ci'] } });
  });
  afterAll(async () => {
    await Promise.all([everything.close(), pager.close(), ci.close()]);
    await t.close();
  });
  afterEach(() => { for (const r of [everything, pager, ci]) r.received.length = 0; });
  const events = (r: WebhookReceiver) => r.received.flatMap((x) => (x.json as { alerts: AlertMessage[] }).alerts.map((a) => `${a.host.name} ${a.event}:${a.severity}`));

  it('sends each channel only the alerts its route carries', async () => {
    for (const [host, labels] of [['route-prod', ['env=prod']], ['route-ci', ['team=ci']]] as const) {
      // Routes match the labels silences do: an admin's (an agent's own only from a token trusted for them).
      await ingestReport(t.db, principal, makeReport({ hostName: host, instances: 10, instanceLimit: 128 }));
      await t.db.host.update({ where: { name: host }, data: { labels: [...labels] } });
      for (const instances of [105, 118, 60]) {
        await ingestReport(t.db, principal, makeReport({ hostName: host, instances, instanceLimit: 128 }));
        await evaluateAlerts(t.db, atOnce);
        await deliverNotifications(t.db);
      }
    }
    const ramp = (h: string) => [`${h} firing:warning`, `${h} escalated:critical`, `${h} resolved:critical`];
    expect(events(everything)).toEqual([...ramp('route-prod'), ...ramp('route-ci')]);
    expect(events(pager)).toEqual(['route-prod escalated:critical', 'route-prod resolved:critical', 'route-ci escalated:critical', 'route-ci resolved:critical']);
    expect(events(ci)).toEqual(ramp('route-ci'));
  });

  it('changes what a channel carries from the next alert on, and back to everything', async () => {
    const pagerChannel = await t.db.channel.findFirstOrThrow({ where: { name: 'pager' } });
    const open = await setChannelRoute(t.db, pagerChannel.id, null);
    expect(open.route).toBeNull();
    await ingestReport(t.db, principal, makeReport({ hostName: 'route-later', instances: 105, instanceLimit: 128 }));
    await evaluateAlerts(t.db, atOnce);
    await deliverNotifications(t.db);
    expect(events(pager)).toEqual(['route-later firing:warning']);
    const closed = await setChannelRoute(t.db, pagerChannel.id, { minSeverity: 'critical', labels: [] });
    expect(closed.route).toEqual({ minSeverity: 'critical', labels: [] });
    await expect(setChannelRoute(t.db, '00000000-0000-0000-0000-000000000009', null)).rejects.toThrow('no such channel');
  });
});
