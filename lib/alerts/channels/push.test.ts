// ntfy and Telegram through the whole path to local receivers, each request
// held to what the service documents.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ingestReport } from '../../ingest';
import { channelInput } from '../../protocol';
import { atOnce, rulesFireAtOnce } from '../../testing/alerting';
import { dbKinds, openTestDatabase, type TestDatabase } from '../../testing/databases';
import { testPrincipal as principal } from '../../testing/principal';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/receivers';
import { makeReport } from '../../testing/report-factory';
import { createChannel } from '../channel-store';
import { deliverNotifications } from '../deliver-notifications';
import { evaluateAlerts } from '../evaluate-alerts';

const BOT = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0';
type Body = Record<string, unknown>;

describe.each(dbKinds)('ntfy and Telegram on %s', (kind) => {
  let t: TestDatabase;
  let ntfy: WebhookReceiver;
  let tg: WebhookReceiver;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await rulesFireAtOnce(t.db);
    [ntfy, tg] = await Promise.all([startWebhookReceiver(), startWebhookReceiver()]);
    await createChannel(t.db, { kind: 'ntfy', name: 'phone', enabled: true, config: { url: new URL(ntfy.url).origin, topic: 'headroom-oncall-7f3a', token: 'tk_secret_of_the_topic' } });
    await createChannel(t.db, { kind: 'telegram', name: 'group', enabled: true, config: { botToken: BOT, chatId: '-1001234567890', url: new URL(tg.url).origin } });
  });
  afterAll(async () => {
    await Promise.all([ntfy.close(), tg.close()]);
    await t.close();
  });
  afterEach(() => { ntfy.received.length = 0; tg.received.length = 0; });

  it('publishes the firing and the resolved alert as each service documents', async () => {
    for (const instances of [118, 60]) {
      await ingestReport(t.db, principal, makeReport({ hostName: 'push-ramp', instances, instanceLimit: 128 }));
      await evaluateAlerts(t.db, atOnce);
      await deliverNotifications(t.db);
    }
    // ntfy's JSON publishing: to the server's root, topic and message required, priority 1–5.
    expect(ntfy.received.map((r) => [r.path, r.headers.authorization])).toEqual([['/', 'Bearer tk_secret_of_the_topic'], ['/', 'Bearer tk_secret_of_the_topic']]);
    const [fire, resolve] = ntfy.received.map((r) => r.json as Body);
    expect(fire).toMatchObject({ topic: 'headroom-oncall-7f3a', title: '[CRITICAL] push-ramp: inotify instances of uid 0 (root): 118 of 128 (92 %)', priority: 5, tags: ['rotating_light', 'headroom'] });
    expect(String(fire!.click)).toMatch(/^http:\/\/headroom\.test\/hosts\//);
    expect(String(fire!.message)).toContain('Reading: inotify instances of uid 0 (root): 118 of 128 (92 %)');
    expect(resolve).toMatchObject({ priority: 3, tags: ['white_check_mark', 'headroom'] });
    // Telegram's sendMessage: POST /bot<token>/sendMessage, chat_id and text (≤ 4096), no parse mode.
    expect(tg.received.map((r) => r.path)).toEqual([`/bot${BOT}/sendMessage`, `/bot${BOT}/sendMessage`]);
    const sent = tg.received.map((r) => r.json as Body);
    expect(sent.map((b) => [b.chat_id, String(b.text).split('\n')[0], b.parse_mode])).toEqual([
      ['-1001234567890', '[CRITICAL] push-ramp: inotify instances of uid 0 (root): 118 of 128 (92 %)', undefined],
      ['-1001234567890', '[RESOLVED] push-ramp: inotify instances of uid 0 (root): 60 of 128 (46 %), back to normal', undefined],
    ]);
    expect(sent.every((b) => String(b.text).length <= 4096)).toBe(true);
    const stored = await t.db.channel.findMany({ where: { kind: { in: ['ntfy', 'telegram'] } } });
    expect(JSON.stringify(stored.map((c) => c.config))).not.toMatch(/tk_secret|headroom-oncall|AAHdq/);
  });

  it('refuses a topic or a bot token that is not one, naming the field', () => {
    expect(channelInput.safeParse({ kind: 'ntfy', name: 'x', config: { topic: 'has spaces' } }).error!.issues[0]!.path).toEqual(['config', 'topic']);
    expect(channelInput.safeParse({ kind: 'telegram', name: 'x', config: { botToken: 'nope', chatId: '1' } }).error!.issues[0]!.path).toEqual(['config', 'botToken']);
  });
});
