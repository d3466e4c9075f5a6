// A webhook with a body template of the receiver's own: filled per alert, each
// value escaped inside its JSON string, and a template that cannot work refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestReport } from '../../ingest';
import { channelInput, renderTemplate, templateProblem } from '../../protocol';
import { atOnce, rulesFireAtOnce } from '../../testing/alerting';
import { openTestDatabase, type TestDatabase } from '../../testing/databases';
import { testPrincipal as principal } from '../../testing/principal';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/receivers';
import { makeReport } from '../../testing/report-factory';
import { createChannel } from '../channel-store';
import { deliverNotifications } from '../deliver-notifications';
import { evaluateAlerts } from '../evaluate-alerts';

const TEMPLATE = '{"msg_type": "text", "content": {"text": "{{subject}}"}, "priority": "{{severity}}", "host": "{{host}}", "open": "{{url}}"}';

describe('a webhook body template', () => {
  it('keeps every value inside the string it was put in, whatever it holds', () => {
    const out = JSON.parse(renderTemplate('{"t": "{{host}}"}', { host: 'evil", "admin": true, "x": "\n' } as never)) as Record<string, unknown>;
    expect(out).toEqual({ t: 'evil", "admin": true, "x": "\n' });
  });

  it('refuses an unknown placeholder or a body that is not JSON, saying how to write it', () => {
    expect(templateProblem('{"t": "{{hostname}}"}')).toMatch(/^unknown placeholder \{\{hostname\}\}; the placeholders are \{\{subject\}\}/);
    expect(templateProblem('{"t": {{subject}}}')).toMatch(/must be JSON once its placeholders are filled in/);
    expect(templateProblem(TEMPLATE)).toBeNull();
    const r = channelInput.safeParse({ kind: 'webhook', name: 'x', config: { url: 'https://example.com/x', template: 'text {{subject}}' } });
    expect(r.error!.issues[0]!.path).toEqual(['config', 'template']);
  });
});

describe('a templated webhook through delivery', () => {
  let t: TestDatabase;
  let hook: WebhookReceiver;
  beforeAll(async () => {
    t = await openTestDatabase('postgres');
    await rulesFireAtOnce(t.db);
    hook = await startWebhookReceiver();
    await createChannel(t.db, { kind: 'webhook', name: 'feishu', enabled: true, config: { url: hook.url, template: TEMPLATE } });
  });
  afterAll(async () => {
    await hook.close();
    await t.close();
  });

  it('posts the body of the receiver\'s own for each alert', async () => {
    await ingestReport(t.db, principal, makeReport({ hostName: 'tpl-"quoted"', instances: 118, instanceLimit: 128 }));
    await evaluateAlerts(t.db, atOnce);
    await deliverNotifications(t.db);
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]!.json).toEqual({
      msg_type: 'text', content: { text: '[CRITICAL] tpl-"quoted": inotify instances of uid 0 (root): 118 of 128 (92 %)' }, priority: 'critical',
      host: 'tpl-"quoted"', open: expect.stringMatching(/^http:\/\/headroom\.test\/hosts\//),
    });
  });
});
