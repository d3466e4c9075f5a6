// PagerDuty through the whole path (evaluation, outbox, delivery) to a local
// receiver that holds each body to the Events API v2 as documented: a trigger
// with routing key, dedup key and payload; the resolve of the same key.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ingestReport } from '../../ingest';
import { channelInput } from '../../protocol';
import { atOnce, rulesFireAtOnce } from '../../testing/alerting';
import { dbKinds, openTestDatabase, type TestDatabase } from '../../testing/databases';
import { testPrincipal as principal } from '../../testing/principal';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/receivers';
import { makeReport } from '../../testing/report-factory';
import { createChannel, sendTest } from '../channel-store';
import { deliverNotifications } from '../deliver-notifications';
import { evaluateAlerts } from '../evaluate-alerts';

const KEY = 'R0123456789abcdef0123456789abcde';
const SEVERITIES = ['critical', 'error', 'warning', 'info'];

/** What the Events API v2 takes (developer.pagerduty.com, "Send an Alert Event"); the reasons it would answer 400. */
function eventProblems(e: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (e.routing_key !== KEY) out.push('routing_key');
  if (!['trigger', 'acknowledge', 'resolve'].includes(String(e.event_action))) out.push('event_action');
  if (typeof e.dedup_key !== 'string' || e.dedup_key.length > 255) out.push('dedup_key');
  if (e.event_action === 'trigger') {
    const p = e.payload as Record<string, unknown> | undefined;
    if (!p || typeof p.summary !== 'string' || p.summary.length > 1024 || !p.summary) out.push('payload.summary');
    if (!p || typeof p.source !== 'string' || !p.source) out.push('payload.source');
    if (!p || !SEVERITIES.includes(String(p.severity))) out.push('payload.severity');
    if (p?.timestamp !== undefined && Number.isNaN(Date.parse(String(p.timestamp)))) out.push('payload.timestamp');
    for (const l of (e.links as { href?: unknown }[] | undefined) ?? []) if (typeof l.href !== 'string') out.push('links.href');
  }
  return out;
}

describe.each(dbKinds)('PagerDuty on %s', (kind) => {
  let t: TestDatabase;
  let pd: WebhookReceiver;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await rulesFireAtOnce(t.db);
    pd = await startWebhookReceiver();
    await createChannel(t.db, { kind: 'pagerduty', name: 'on-call', enabled: true, config: { routingKey: KEY, url: pd.url } });
  });
  afterAll(async () => {
    await pd.close();
    await t.close();
  });
  afterEach(() => { pd.received.length = 0; });
  const events = () => pd.received.map((r) => r.json as Record<string, unknown>);

  it('triggers an incident for an alert and resolves the same one, keyed by the alert', async () => {
    for (const instances of [118, 60]) {
      await ingestReport(t.db, principal, makeReport({ hostName: 'pd-ramp', instances, instanceLimit: 128 }));
      await evaluateAlerts(t.db, atOnce);
      await deliverNotifications(t.db);
    }
    const [trigger, resolve] = events();
    expect(events().map(eventProblems)).toEqual([[], []]);
    expect(trigger).toMatchObject({
      event_action: 'trigger',
      payload: { summary: '[CRITICAL] pd-ramp: inotify instances of uid 0 (root): 118 of 128 (92 %)', source: 'pd-ramp', severity: 'critical', component: 'inotifyInstances' },
      links: [{ href: expect.stringMatching(/^http:\/\/headroom\.test\/hosts\//) }],
    });
    expect(resolve).toEqual({ routing_key: KEY, event_action: 'resolve', dedup_key: trigger!.dedup_key });
    expect(pd.received[0]!.headers['content-type']).toBe('application/json');
  });

  it('sends a test as an info event of its own, and keeps the key out of the channel list', async () => {
    const ch = await t.db.channel.findFirstOrThrow({ where: { kind: 'pagerduty' } });
    await sendTest(t.db, ch.id, 'http://headroom.test');
    await deliverNotifications(t.db);
    expect(events().map(eventProblems)).toEqual([[]]);
    expect(events()[0]).toMatchObject({ event_action: 'trigger', payload: { severity: 'info', source: 'test' }, dedup_key: expect.stringMatching(/^headroom-test-/) });
    expect(JSON.stringify(ch.config)).not.toContain(KEY); // sealed at rest
  });

  it('refuses a routing key that is not one, naming the field', () => {
    const r = channelInput.safeParse({ kind: 'pagerduty', name: 'x', config: { routingKey: 'not a key!' } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['config', 'routingKey']);
  });
});
