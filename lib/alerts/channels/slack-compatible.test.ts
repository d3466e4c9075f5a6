// The "Slack, Mattermost or Rocket.Chat" channel through the whole path to a
// local receiver at each service's incoming-webhook address, its body held to
// what Mattermost and Rocket.Chat document their webhooks to take.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestReport } from '../../ingest';
import { atOnce, rulesFireAtOnce } from '../../testing/alerting';
import { dbKinds, openTestDatabase, type TestDatabase } from '../../testing/databases';
import { testPrincipal as principal } from '../../testing/principal';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/receivers';
import { makeReport } from '../../testing/report-factory';
import { createChannel } from '../channel-store';
import { deliverNotifications } from '../deliver-notifications';
import { evaluateAlerts } from '../evaluate-alerts';

// developers.mattermost.com "Incoming webhooks": text (or attachments) required; and Rocket.Chat's "Integrations: incoming webhook" script-less form.
const documented = {
  mattermost: { path: '/hooks/xk3nd83hd7a9pbyw5nqg1pehrc', fields: ['text', 'channel', 'username', 'icon_url', 'icon_emoji', 'attachments', 'type', 'props', 'priority'] },
  rocketchat: { path: '/hooks/6fa1b2c3d4e5f6a7b8c9d0e1/QwErTyUiOpAsDfGhJkLzXcVb', fields: ['text', 'alias', 'emoji', 'avatar', 'attachments', 'channel'] },
};

describe.each(dbKinds)('Mattermost and Rocket.Chat on %s', (kind) => {
  let t: TestDatabase;
  let hook: WebhookReceiver;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await rulesFireAtOnce(t.db);
    hook = await startWebhookReceiver();
    const origin = new URL(hook.url).origin;
    for (const [service, d] of Object.entries(documented)) {
      await createChannel(t.db, { kind: 'slack', name: service, enabled: true, config: { url: `${origin}${d.path}` } });
    }
  });
  afterAll(async () => {
    await hook?.close();
    await t?.close();
  });

  it('posts each service a body of only the fields its webhook takes, with the alert as markdown text', async () => {
    await ingestReport(t.db, principal, makeReport({ hostName: 'mm-ramp', instances: 118, instanceLimit: 128 }));
    await evaluateAlerts(t.db, atOnce);
    await deliverNotifications(t.db);
    for (const d of Object.values(documented)) {
      const got = hook.received.filter((r) => r.path === d.path);
      expect(got).toHaveLength(1);
      expect(got[0]!.headers['content-type']).toBe('application/json');
      const body = got[0]!.json as Record<string, unknown>;
      expect(Object.keys(body).filter((k) => !d.fields.includes(k))).toEqual([]);
      expect(body.text).toContain('*[CRITICAL] mm-ramp: inotify instances of uid 0 (root): 118 of 128 (92 %)*');
      expect(body.text).toContain(':red_circle:');
    }
  });
});
