// Channel secrets at rest: sealed in the row (AES-256-GCM, the key's id beside
// each value), opened for delivery and display only, rows from before still
// read, and a value that was altered, moved or sealed with an unknown key refused.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, type Actor } from '../../commands';
import { dbKinds, openTestDatabase, type TestDatabase } from '../../testing/databases';
import { startChannelReceivers, type ChannelReceivers, type SmtpReceiver, type WebhookReceiver } from '../../testing/receivers';
import { keyRing, processKeyRing } from '../../server/secrets/key-ring';
import { createChannel, deliveryLog, listChannels, sendTest } from '../channel-store';
import { deliverNotifications } from '../deliver-notifications';
import { rotateSecrets } from '../rotate-secrets';
import { openConfig } from './config';
import { signature } from './webhook';

const admin: Actor = { kind: 'user', id: '00000000-0000-0000-0000-000000000001', name: 'admin', role: 'admin', sessionId: 'test' };
const SIGNING = 'signing-secret-nobody-may-read';
// The password startChannelReceivers' SMTP server takes.
const PASSWORD = 'correct horse';
// The receivers' addresses carry a credential in the path, as Slack's and Discord's do.
const CREDENTIAL = 'T0SECRET/B0SECRET/XXXXXXXXXXXXXXXXXXXX';

describe.each(dbKinds)('channel secrets at rest on %s', (kind) => {
  let t: TestDatabase;
  let hook: WebhookReceiver;
  let slack: WebhookReceiver;
  let smtp: SmtpReceiver;
  let receivers: ChannelReceivers;
  const ids: Record<'hook' | 'slack' | 'mail', string> = { hook: '', slack: '', mail: '' };
  const raw = async () => (await t.db.$queryRaw<{ config: string }[]>`SELECT config::text AS config FROM channel`).map((r) => r.config).join('\n');
  const rawOf = async (id: string) => (await t.db.$queryRaw<{ config: Record<string, unknown> }[]>`SELECT config FROM channel WHERE id = ${id}::uuid`)[0]!.config;
  const deliverTest = async (id: string, keys = processKeyRing()) => {
    const n = await sendTest(t.db, id, 'http://x');
    await deliverNotifications(t.db, { keys });
    return (await deliveryLog(t.db)).find((x) => x.id === n.id)!;
  };

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    receivers = await startChannelReceivers();
    ({ hook, slack, smtp } = receivers);
    const make = async (input: object) => (await runCommand('channel.create', admin, input, { db: t.db })).id;
    ids.hook = await make({ kind: 'webhook', name: 'hook', config: { url: `${hook.url}/${CREDENTIAL}`, secret: SIGNING } });
    ids.slack = await make({ kind: 'slack', name: 'slack', config: { url: `${slack.url}/${CREDENTIAL}` } });
    ids.mail = await make({ kind: 'email', name: 'mail', config: {
      host: '127.0.0.1', port: smtp.port, security: 'starttls', user: 'alerts', password: PASSWORD, from: 'headroom@example.com', to: ['oncall@example.com'], verifyCertificate: false,
    } });
  });
  afterAll(async () => {
    await receivers.close();
    await t.close();
  });
  afterEach(() => receivers.clear());

  it('keeps no secret in the rows: not the signing secret, the password, or the credential in an address', async () => {
    const rows = await raw();
    for (const secret of [SIGNING, PASSWORD, 'T0SECRET', 'XXXXXXXXXXXXXXXXXXXX', hook.url, slack.url]) expect(rows).not.toContain(secret);
    // What is not secret stays readable: the relay, the recipients.
    expect(rows).toContain('oncall@example.com');
    expect(await rawOf(ids.hook)).toMatchObject({ url: { kid: processKeyRing().current!.id }, secret: { kid: processKeyRing().current!.id } });
  });

  it('shows the channels masked as before: the address\'s origin only, no secret', async () => {
    const shown = await listChannels(t.db);
    expect(shown.find((c) => c.id === ids.hook)!.config).toMatchObject({ url: `${new URL(hook.url).origin}/••••••`, secret: '••••••' });
    expect(shown.find((c) => c.id === ids.mail)!.config).toMatchObject({ host: '127.0.0.1', password: '••••••' });
    expect(JSON.stringify(shown)).not.toMatch(/"kid"|T0SECRET|signing-secret|correct horse/);
  });

  it('delivers through every kind with the secrets opened: the signed webhook, Slack\'s address, SMTP with its password', async () => {
    for (const id of Object.values(ids)) expect((await deliverTest(id)).status).toBe('delivered');
    const got = hook.received[0]!;
    expect(got.headers['x-headroom-signature']).toBe(signature(SIGNING, String(got.headers['x-headroom-timestamp']), got.body));
    expect(slack.received).toHaveLength(1);
    expect(smtp.mails).toMatchObject([{ user: 'alerts', to: ['oncall@example.com'] }]);
  });

  it('still reads and delivers a row saved in plain text before, and seals it when asked', async () => {
    const legacy = await t.db.channel.create({ data: { name: 'legacy', kind: 'slack', config: { url: `${slack.url}/${CREDENTIAL}` } } });
    expect((await deliverTest(legacy.id)).status).toBe('delivered');
    const r = await t.db.$transaction((tx) => rotateSecrets(tx, { plainOnly: true }));
    expect(r).toMatchObject({ resealed: 1, from: { plain: 1 } });
    expect(await raw()).not.toContain('T0SECRET');
    expect((await deliverTest(legacy.id)).status).toBe('delivered');
    await t.db.channel.delete({ where: { id: legacy.id } });
  });

  it('rotates from key A to key B with A kept as old, then opens with B alone', async () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    const [ringA, ringB] = [keyRing(a), keyRing(b, [a])];
    const made = await createChannel(t.db, { kind: 'webhook', name: 'rotating', enabled: true, config: { url: `${hook.url}/${CREDENTIAL}`, secret: SIGNING } }, ringA);
    // The process's own key is an old one too, for the channels made above.
    const r = await t.db.$transaction((tx) => rotateSecrets(tx, {}, keyRing(b, [a, processKeyRing().current!.key])));
    expect(r.to).toBe(ringB.current!.id);
    expect(r.from).toMatchObject({ [ringA.current!.id]: 1, [processKeyRing().current!.id]: 3 });
    expect(await rawOf(made.id)).toMatchObject({ url: { kid: ringB.current!.id } });
    const bAlone = keyRing(b);
    expect(openConfig({ ...made, config: await rawOf(made.id) }, bAlone)).toMatchObject({ url: `${hook.url}/${CREDENTIAL}`, secret: SIGNING });
    expect((await deliverTest(made.id, bAlone)).status).toBe('delivered');
    // And back to the process's key, for the tests that follow.
    await t.db.$transaction((tx) => rotateSecrets(tx, {}, keyRing(processKeyRing().current!.key, [b])));
  });

  it('refuses a row sealed with a key it does not have, naming the key, and changes nothing', async () => {
    const stranger = keyRing(randomBytes(32));
    const made = await createChannel(t.db, { kind: 'slack', name: 'stranger', enabled: true, config: { url: `${slack.url}/${CREDENTIAL}` } }, stranger);
    const log = await deliverTest(made.id);
    expect(log.status).not.toBe('delivered');
    expect(log.lastError).toBe(`the url of channel "stranger" is sealed with key ${stranger.current!.id}, which this server does not have (give it as HEADROOM_SECRET_KEY or in HEADROOM_SECRET_KEYS_OLD)`);
    expect(slack.received).toHaveLength(0);
    // Shown as unreadable, never as its ciphertext.
    expect((await listChannels(t.db)).find((c) => c.id === made.id)!.config).toEqual({ url: '••••••' });
    const before = await raw();
    const audits = await t.db.auditEvent.count();
    await expect(runCommand('secrets.rotate', { kind: 'system', name: 'cli' }, {}, { db: t.db })).rejects.toThrow(`is sealed with key ${stranger.current!.id}`);
    expect(await raw()).toBe(before);
    expect(await t.db.auditEvent.count()).toBe(audits);
    await t.db.channel.delete({ where: { id: made.id } });
  });

  it('refuses a value that was altered, or moved to another channel (GCM authenticates both)', async () => {
    const hookRow = await rawOf(ids.hook);
    const slackRow = await rawOf(ids.slack);
    const url = hookRow.url as { ct: string };
    const flipped = Buffer.from(url.ct, 'base64');
    flipped[0]! ^= 1;
    const altered = { ...hookRow, url: { ...url, ct: flipped.toString('base64') } };
    expect(() => openConfig({ id: ids.hook, name: 'hook', kind: 'webhook', config: altered })).toThrow('the url of channel "hook" does not open with key');
    // The hook's sealed address pasted into the Slack channel's row does not open there.
    expect(() => openConfig({ id: ids.slack, kind: 'slack', config: { ...slackRow, url: hookRow.url } })).toThrow('does not open with key');
    const cut = { ...hookRow, secret: { ...(hookRow.secret as object), tag: (hookRow.secret as { tag: string }).tag.slice(0, 8) } };
    expect(() => openConfig({ id: ids.hook, kind: 'webhook', config: cut })).toThrow('does not open with key');
  });

  it('with no key to seal with (a Postgres server without HEADROOM_SECRET_KEY) refuses to store a secret, saying what to set', async () => {
    const none = keyRing(null);
    const count = await t.db.channel.count();
    await expect(createChannel(t.db, { kind: 'slack', name: 'no key', enabled: true, config: { url: slack.url } }, none))
      .rejects.toThrow('secrets at rest need a key: set HEADROOM_SECRET_KEY (32 bytes, `openssl rand -base64 32`) on every server');
    expect(await t.db.channel.count()).toBe(count);
    // Nothing secret, nothing to seal: a relay without a password is kept as before.
    const relay = await createChannel(t.db, { kind: 'email', name: 'relay', enabled: true, config: { host: '127.0.0.1', port: 25, security: 'none', from: 'a@b.example', to: ['c@d.example'], verifyCertificate: true } }, none);
    expect(await rawOf(relay.id)).toMatchObject({ host: '127.0.0.1' });
    await t.db.channel.delete({ where: { id: relay.id } });
  });
});
