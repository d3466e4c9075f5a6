// Opsgenie through the whole path to a local receiver holding each request to
// the Alert API as documented: create with an alias, close by that alias.
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

const KEY = 'eb243592-faa2-4ba2-a551-1afdf565c889';

/** What the Alert API takes (docs.opsgenie.com, "Create Alert"): the reasons it would answer 422. */
function createProblems(b: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (typeof b.message !== 'string' || !b.message || b.message.length > 130) out.push('message');
  if (b.alias !== undefined && (typeof b.alias !== 'string' || b.alias.length > 512)) out.push('alias');
  if (b.description !== undefined && String(b.description).length > 15_000) out.push('description');
  if (b.priority !== undefined && !['P1', 'P2', 'P3', 'P4', 'P5'].includes(String(b.priority))) out.push('priority');
  if (b.tags !== undefined && !(Array.isArray(b.tags) && b.tags.every((t) => typeof t === 'string' && t.length <= 50))) out.push('tags');
  if (b.source !== undefined && String(b.source).length > 100) out.push('source');
  return out;
}

describe.each(dbKinds)('Opsgenie on %s', (kind) => {
  let t: TestDatabase;
  let og: WebhookReceiver;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await rulesFireAtOnce(t.db);
    og = await startWebhookReceiver();
    await createChannel(t.db, { kind: 'opsgenie', name: 'on-call', enabled: true, config: { apiKey: KEY, url: new URL(og.url).origin } });
  });
  afterAll(async () => {
    await og.close();
    await t.close();
  });
  afterEach(() => { og.received.length = 0; });

  it('creates an alert aliased by the alert, and closes it by that alias when it resolves', async () => {
    for (const instances of [118, 60]) {
      await ingestReport(t.db, principal, makeReport({ hostName: 'og-ramp', instances, instanceLimit: 128 }));
      await evaluateAlerts(t.db, atOnce);
      await deliverNotifications(t.db);
    }
    const [create, close] = og.received;
    expect(og.received.map((r) => r.headers.authorization)).toEqual([`GenieKey ${KEY}`, `GenieKey ${KEY}`]);
    expect(create!.path).toBe('/v2/alerts');
    const b = create!.json as Record<string, unknown>;
    expect(createProblems(b)).toEqual([]);
    expect(b).toMatchObject({ message: '[CRITICAL] og-ramp: inotify instances of uid 0 (root): 118 of 128 (92 %)', priority: 'P1', entity: 'og-ramp', source: 'Headroom' });
    expect(close!.path).toBe(`/v2/alerts/${encodeURIComponent(String(b.alias))}/close?identifierType=alias`);
    expect(close!.json).toMatchObject({ source: 'Headroom' });
  });

  it('sends a test as a P5 alert of its own', async () => {
    const ch = await t.db.channel.findFirstOrThrow({ where: { kind: 'opsgenie' } });
    await sendTest(t.db, ch.id, 'http://headroom.test');
    await deliverNotifications(t.db);
    expect(og.received).toHaveLength(1);
    expect(og.received[0]!.json).toMatchObject({ priority: 'P5', alias: expect.stringMatching(/^headroom-test-/) });
    expect(JSON.stringify(ch.config)).not.toContain(KEY);
  });

  it('refuses a key that is not one, naming the field', () => {
    const r = channelInput.safeParse({ kind: 'opsgenie', name: 'x', config: { apiKey: 'nope' } });
    expect(r.error!.issues[0]!.path).toEqual(['config', 'apiKey']);
  });
});
