// Channels cannot be aimed at the server's own network: refused when saved,
// and again when sent, on the address actually connected to after DNS.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../testing/databases';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/receivers';
import { assertChannelDestination, createChannel, deliveryLog, sendTest } from '../channel-store';
import { runCommand, type Actor } from '../../commands';
import { deliverNotifications } from '../deliver-notifications';
import { checkedLookup, emptyAllowList, internalReason, parseAllowList } from './destination';
import { sendThrough } from '.';
import { AppError } from '../../server/errors';

describe('internal addresses', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['127.8.9.10', 'loopback'], ['::1', 'loopback'], ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'], ['::ffff:a9fe:a9fe', 'cloud metadata'],
    ['10.1.2.3', 'private'], ['172.20.0.1', 'private'], ['192.168.1.1', 'private'], ['fd12::1', 'private'],
    ['169.254.169.254', 'cloud metadata'], ['fd00:ec2::254', 'cloud metadata'], ['169.254.1.1', 'link-local'], ['fe80::1', 'link-local'],
    ['224.0.0.251', 'multicast'], ['ff02::1', 'multicast'], ['0.0.0.0', 'unspecified'], ['::', 'unspecified'], ['100.64.0.1', 'private (carrier-grade NAT)'],
  ])('%s is %s', (ip, reason) => expect(internalReason(ip)).toBe(reason));

  it.each(['8.8.8.8', '1.1.1.1', '2001:4860:4860::8888', '::ffff:8.8.4.4', '::ffff:808:404'])('%s is public', (ip) => expect(internalReason(ip)).toBeNull());

  it('lets the allow-list name a host, an address or a network', async () => {
    const allow = parseAllowList('mail.corp, 10.1.2.0/24 127.0.0.1');
    const lookup = (host: string, answer: string) => new Promise<string>((resolve, reject) => checkedLookup(allow, async () => [{ address: answer, family: net.isIP(answer) }])(host, {}, (err, a) => (err ? reject(err) : resolve(a as string))));
    await expect(lookup('mail.corp', '192.168.9.9')).resolves.toBe('192.168.9.9');
    await expect(lookup('hook.corp', '10.1.2.77')).resolves.toBe('10.1.2.77');
    await expect(lookup('hook.corp', '127.0.0.1')).resolves.toBe('127.0.0.1');
    await expect(lookup('hook.corp', '10.1.3.1')).rejects.toThrow('refused: hook.corp (10.1.3.1) is a private address');
  });

  it('refuses a name whose answer changed to an internal address since it was checked', async () => {
    let answer = '93.184.216.34';
    const resolve = async () => [{ address: answer, family: 4 }];
    const lookup = () => new Promise<string>((ok, no) => checkedLookup(emptyAllowList(), resolve)('hooks.example', {}, (err, a) => (err ? no(err) : ok(a as string))));
    await expect(lookup()).resolves.toBe('93.184.216.34');
    answer = '127.0.0.1';
    await expect(lookup()).rejects.toThrow('refused: hooks.example (127.0.0.1) is a loopback address');
  });
});

describe('channels aimed inward', () => {
  let t: TestDatabase;
  let receiver: WebhookReceiver;
  const none = emptyAllowList();
  beforeAll(async () => {
    t = await openTestDatabase('postgres');
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it.each([
    ['webhook', { url: 'http://127.0.0.1:9/hook' }, 'config.url', '127.0.0.1 is a loopback address'],
    ['webhook', { url: 'http://169.254.169.254/latest/meta-data/' }, 'config.url', '169.254.169.254 is a cloud metadata address'],
    ['webhook', { url: 'http://localhost:9/hook' }, 'config.url', 'is a loopback address'],
    ['slack', { url: 'https://[::1]/services/x' }, 'config.url', '::1 is a loopback address'],
    ['email', { host: 'localhost', port: 25, from: 'a@b.example', to: ['c@d.example'] }, 'config.host', 'is a loopback address'],
  ] as const)('refuses a %s to %j when saved', async (kind, config, field, message) => {
    const err = await assertChannelDestination({ kind, name: 'inward', enabled: true, config } as never, none).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).issues?.[0]).toMatchObject({ path: field });
    expect((err as AppError).message).toContain(message);
  });

  it('refuses it through the command, storing nothing and auditing nothing', async () => {
    const admin: Actor = { kind: 'user', id: '00000000-0000-0000-0000-000000000001', name: 'admin', role: 'admin', sessionId: 'test' };
    const before = { channels: await t.db.channel.count(), audit: await t.db.auditEvent.count() };
    const err = await runCommand('channel.create', admin, { kind: 'webhook', name: 'metadata', config: { url: 'http://169.254.169.254/latest/meta-data/' } }, { db: t.db })
      .then(() => null, (e: unknown) => e);
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).issues?.[0]).toMatchObject({ path: 'config.url' });
    expect({ channels: await t.db.channel.count(), audit: await t.db.auditEvent.count() }).toEqual(before);
  });

  it('refuses at delivery a channel that reaches an internal address, sends nothing and does not retry', async () => {
    // Saved when the name still pointed elsewhere (or before the check existed).
    const url = receiver.url.replace('127.0.0.1', 'localhost');
    const channel = await t.db.channel.create({ data: { name: 'rebound', kind: 'webhook', config: { url }, enabled: true } });
    const n = await sendTest(t.db, channel.id, 'http://x');
    const r = await deliverNotifications(t.db, { send: (k, c, m, id) => sendThrough(k, c, m, id, none) });
    expect(r).toMatchObject({ delivered: 0, failed: 1, retried: 0 });
    expect(receiver.received).toHaveLength(0);
    const row = (await deliveryLog(t.db)).find((x) => x.id === n.id)!;
    expect(row.status).toBe('failed');
    expect(row.lastError).toMatch(/^refused: localhost \((127\.0\.0\.1|::1)\) is a loopback address/);
  });

  it('keeps a receiver\'s error reply out of the delivery log: the status only', async () => {
    const channel = await createChannel(t.db, { kind: 'webhook', name: 'allowed', enabled: true, config: { url: receiver.url } });
    receiver.failNext(1, 500);
    const n = await sendTest(t.db, channel.id, 'http://x');
    await deliverNotifications(t.db, { send: (k, c, m, id) => sendThrough(k, c, m, id, parseAllowList('127.0.0.1')) });
    const row = (await deliveryLog(t.db)).find((x) => x.id === n.id)!;
    expect(row.attemptLog.map((a) => a.response)).toEqual(['HTTP 500']);
    expect(JSON.stringify(row)).not.toContain('receiver down');
  });

  it('keeps an SMTP banner out of the delivery log', async () => {
    const banner = net.createServer((s) => { s.end('554 internal-secret-banner go away\r\n'); });
    await new Promise<void>((r) => banner.listen(0, '127.0.0.1', r));
    const port = (banner.address() as AddressInfo).port;
    try {
      const channel = await createChannel(t.db, { kind: 'email', name: 'banner', enabled: true, config: { host: '127.0.0.1', port, security: 'none', from: 'a@b.example', to: ['c@d.example'], verifyCertificate: true } });
      const n = await sendTest(t.db, channel.id, 'http://x');
      await deliverNotifications(t.db, { send: (k, c, m, id) => sendThrough(k, c, m, id, parseAllowList('127.0.0.1')) });
      const row = (await deliveryLog(t.db)).find((x) => x.id === n.id)!;
      expect(row.attemptLog).toHaveLength(1);
      expect(row.attemptLog[0]!.ok).toBe(false);
      expect(JSON.stringify(row)).not.toContain('internal-secret-banner');
    } finally {
      await new Promise<void>((r) => banner.close(() => r()));
    }
  });
});
