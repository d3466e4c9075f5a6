// Alerts end to end in-process: reports in through ingest, evaluation, the
// outbox, and real receivers (HTTP webhook, Slack-format webhook, SMTP).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signature } from './channels/webhook';
import type { AlertMessage } from './message';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { startChannelReceivers, type ChannelReceivers, type SmtpReceiver, type WebhookReceiver } from '../testing/receivers';
import { makeReport, type ReportOptions } from '../testing/report-factory';
import { acknowledgeAlert } from './acknowledge-alert';
import { createChannel } from './channel-store';
import { deliverNotifications } from './deliver-notifications';
import { evaluateAlerts } from './evaluate-alerts';
import { ingestReport } from '../ingest';
import { countFiring, countUnhandled, listAlerts } from './list-alerts';
import { createSilence, expireSilence } from './silences';
import { testPrincipal as principal } from '../testing/principal';
import { atOnce, rulesFireAtOnce } from '../testing/alerting';

const opts = atOnce;
const SECRET = 'a-webhook-secret-of-some-length';

// On both databases: evaluation holds a session lock and writes in one short
// transaction, and the embedded PGlite is a single session for every connection.
describe.each(dbKinds)('alerts and notifications on %s', (kind) => {
  let t: TestDatabase;
  let hook: WebhookReceiver;
  let slack: WebhookReceiver;
  let smtp: SmtpReceiver;
  let receivers: ChannelReceivers;

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await rulesFireAtOnce(t.db);
    receivers = await startChannelReceivers();
    ({ hook, slack, smtp } = receivers);
    await createChannel(t.db, { kind: 'webhook', name: 'hook', enabled: true, config: { url: hook.url, secret: SECRET } });
    await createChannel(t.db, { kind: 'slack', name: 'slack', enabled: true, config: { url: slack.url } });
    await createChannel(t.db, { kind: 'email', name: 'mail', enabled: true, config: {
      host: '127.0.0.1', port: smtp.port, security: 'starttls', user: 'alerts', password: 'correct horse',
      from: 'headroom@example.com', to: ['oncall@example.com'], verifyCertificate: false,
    } });
  });
  afterAll(async () => {
    await receivers.close();
    await t.close();
  });
  afterEach(() => receivers.clear());

  /** One report in, one evaluation, one delivery round: what a receiver sees after a report. */
  async function report(o: ReportOptions) {
    await ingestReport(t.db, principal, makeReport(o));
    await evaluateAlerts(t.db, opts);
    await deliverNotifications(t.db);
  }
  const events = (r: WebhookReceiver) => r.received.flatMap((x) => (x.json as { alerts: AlertMessage[] }).alerts.map((a) => `${a.event}:${a.severity}`));

  it('announces warning, critical and resolved, in order, on every channel', async () => {
    for (const instances of [40, 105, 118, 119, 60]) await report({ hostName: 'ramp', instances, instanceLimit: 128 });
    expect(events(hook)).toEqual(['firing:warning', 'escalated:critical', 'resolved:critical']);

    const first = hook.received[0]!;
    const a = (first.json as { kind: string; alerts: AlertMessage[] });
    expect(a.kind).toBe('alert');
    expect(a.alerts[0]).toMatchObject({
      host: { name: 'ramp' }, dimension: 'inotifyInstances', resource: 'inotifyInstances', subject: 'uid 0 (root)', used: 105, limit: 128,
      rule: 'inotify instances (worst UID)', summary: 'inotify instances of uid 0 (root): 105 of 128 (82 %)',
    });
    expect(a.alerts[0]!.url).toMatch(/^http:\/\/headroom\.test\/hosts\/[0-9a-f-]{36}$/);
    expect(first.headers['x-headroom-signature']).toBe(signature(SECRET, String(first.headers['x-headroom-timestamp']), first.body));

    expect(slack.received.map((r) => (r.json as { text: string }).text.split('\n')[0])).toEqual([
      ':warning: *[WARNING] ramp: inotify instances of uid 0 (root): 105 of 128 (82 %)*',
      ':red_circle: *[CRITICAL] ramp: inotify instances of uid 0 (root): 118 of 128 (92 %)*',
      ':white_check_mark: *[RESOLVED] ramp: inotify instances of uid 0 (root): 60 of 128 (46 %), back to normal*',
    ]);

    expect(smtp.mails.map((m) => m.subject)).toEqual([
      '[WARNING] ramp: inotify instances of uid 0 (root): 105 of 128 (82 %)',
      '[CRITICAL] ramp: inotify instances of uid 0 (root): 118 of 128 (92 %)',
      '[RESOLVED] ramp: inotify instances of uid 0 (root): 60 of 128 (46 %), back to normal',
    ]);
    expect(smtp.mails[1]).toMatchObject({ from: 'headroom@example.com', to: ['oncall@example.com'], user: 'alerts', secure: true });
    expect(smtp.mails[1]!.text).toContain('State: warning → critical');
    expect(smtp.mails[1]!.text).toMatch(/Host page: http:\/\/headroom\.test\/hosts\//);
  });

  it('sends nothing while a host is silenced, and nothing more once an alert is acknowledged', async () => {
    const host = await t.db.host.upsert({ where: { name: 'quiet' }, create: { name: 'quiet' }, update: {} });
    const silence = await createSilence(t.db, { hostId: host.id, label: null, endsAt: new Date(Date.now() + 3600_000), reason: 'maintenance' }, 'test');
    for (const instances of [110, 120, 30]) await report({ hostName: 'quiet', instances });
    expect(hook.received).toHaveLength(0);
    // Reports milliseconds apart make a steep trend too; the level rule is the one under test here.
    const muted = await t.db.alertEvent.findMany({ where: { hostId: host.id, alert: { dimension: 'inotifyInstances' } }, orderBy: { at: 'asc' } });
    expect(muted.map((e) => `${e.kind}:${e.muted}`)).toEqual(['firing:silenced', 'escalated:silenced', 'resolved:silenced']);
    await expireSilence(t.db, silence.id);

    await report({ hostName: 'quiet', instances: 110 });
    expect(events(hook)).toEqual(['firing:warning']);
    const open = await t.db.alert.findFirstOrThrow({ where: { hostId: host.id, state: 'firing' } });
    await acknowledgeAlert(t.db, open.id, 'alice', 'looking at it');
    // The bell counts what the Firing view lists: not the acknowledged alert.
    expect(await countUnhandled(t.db)).toBe((await listAlerts(t.db, { view: 'firing' })).length);
    expect(await countFiring(t.db)).toBeGreaterThan(await countUnhandled(t.db));
    for (const instances of [121, 30]) await report({ hostName: 'quiet', instances });
    expect(events(hook)).toEqual(['firing:warning']);
    const acked = await t.db.alert.findUniqueOrThrow({ where: { id: open.id } });
    expect(acked).toMatchObject({ acknowledgedBy: 'alice', ackNote: 'looking at it', state: 'resolved' });
  });

  it('retries a receiver that is down and delivers once when it is back', async () => {
    hook.failNext(3);
    await ingestReport(t.db, principal, makeReport({ hostName: 'flaky', instances: 120 }));
    await evaluateAlerts(t.db, opts);
    let now = Date.now();
    for (let i = 0; i < 6; i++) {
      await deliverNotifications(t.db, { now: new Date(now), backoffBaseMs: 1000 });
      now += 120_000; // past any backoff
    }
    const flakyHook = hook.received.filter((r) => (r.json as { alerts: AlertMessage[] }).alerts[0]!.host.name === 'flaky');
    expect(flakyHook).toHaveLength(1);
    const n = await t.db.notification.findFirstOrThrow({ where: { channel: { kind: 'webhook' }, payload: { path: ['host', 'name'], equals: 'flaky' } }, include: { attemptLog: { orderBy: { at: 'asc' } } } });
    expect(n.status).toBe('delivered');
    expect(n.attemptLog.map((a) => `${a.ok}:${a.response?.slice(0, 8)}`)).toEqual(['false:HTTP 503', 'false:HTTP 503', 'false:HTTP 503', 'true:HTTP 200']);
  });

  it('sends a fleet-wide event as one digest per channel', async () => {
    for (let i = 0; i < 25; i++) await ingestReport(t.db, principal, makeReport({ hostName: `fleet-${i}`, instances: 122 }));
    await evaluateAlerts(t.db, opts);
    await deliverNotifications(t.db);
    expect(hook.received).toHaveLength(1);
    expect((hook.received[0]!.json as { kind: string; alerts: unknown[] })).toMatchObject({ kind: 'digest' });
    expect((hook.received[0]!.json as { alerts: unknown[] }).alerts).toHaveLength(25);
    expect(slack.received).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.subject).toBe('[Headroom] 25 alerts on 25 hosts: 25 critical');
  });

  it('warns on the trend before the level rules fire', async () => {
    // Twelve minutes of one instance more every 30 s: enough of the trend's window to trust the rise.
    const start = Date.now() - 48 * 15_000;
    for (let i = 0; i <= 48; i++) {
      // A 120 s interval keeps the host from counting as silent while the exhaustion rule's 3 minutes pass.
      await ingestReport(t.db, principal, makeReport({ hostName: 'leaky', instances: 16 + Math.floor(i / 2), collectedAt: new Date(start + i * 15_000), intervalSeconds: 120 }));
    }
    await evaluateAlerts(t.db, opts);
    await evaluateAlerts(t.db, { ...opts, now: new Date(Date.now() + 181_000) }); // the exhaustion rule waits 3 minutes
    await deliverNotifications(t.db, { now: new Date(Date.now() + 181_000) });
    const got = hook.received.flatMap((r) => (r.json as { alerts: AlertMessage[] }).alerts).filter((a) => a.host.name === 'leaky');
    expect(got.map((a) => `${a.dimension}:${a.severity}`)).toEqual(['exhaustion:warning']);
    // 40 of 128, rising one per 30 s: about 44 minutes left, long before 80 % is reached.
    expect(got[0]!.exhaustionSecs).toBeGreaterThan(900);
    expect(got[0]!.exhaustionSecs).toBeLessThan(3600);
    expect(got[0]!.value).toBeLessThan(3600);
    // What runs out, whose, its figures now and when it is full, on every channel and in the alert row.
    expect(got[0]).toMatchObject({ resource: 'inotifyInstances', subject: 'uid 0 (root)', used: 40, limit: 128 });
    expect(Date.parse(got[0]!.fullAt!) - Date.parse(got[0]!.at)).toBeCloseTo(got[0]!.exhaustionSecs! * 1000, -3);
    const line = /^inotify instances of uid 0 \(root\) full in about \d+ min, at \d\d:\d\d UTC: 40 of 128 now$/;
    expect(got[0]!.summary).toMatch(line);
    // Other tests' hosts fall silent in the same rounds: the mail and the Slack post may be digests.
    const mail = smtp.mails.map((m) => `${m.subject}\n${m.text}`).find((m) => m.includes('leaky'));
    expect(mail).toContain(`[WARNING] leaky: ${got[0]!.summary}`);
    expect(slack.received.map((r) => (r.json as { text: string }).text).find((x) => x.includes('leaky'))).toContain(got[0]!.summary);
    const [row] = await listAlerts(t.db, { view: 'firing', dimension: 'exhaustion', host: 'leaky' });
    expect(row).toMatchObject({ dimension: 'exhaustion', resource: 'inotifyInstances', subject: 'uid 0 (root)', used: 40, limit: 128 });
  });

  it('leaves an open alert that holds still unwritten, and writes the next value it takes', async () => {
    await report({ hostName: 'steady', instances: 106, instanceLimit: 128 });
    const read = () => t.db.alert.findFirstOrThrow({ where: { host: { name: 'steady' }, openKey: { not: null }, dimension: 'inotifyInstances' } });
    const first = await read();
    expect(first).toMatchObject({ state: 'firing', used: 106 });
    // Later rounds with nothing new: the row is not rewritten (updated_at is the round that last changed it).
    for (let i = 1; i <= 3; i++) await evaluateAlerts(t.db, { ...opts, now: new Date(Date.now() + i * 5000) });
    expect((await read()).updatedAt).toEqual(first.updatedAt);
    await report({ hostName: 'steady', instances: 107, instanceLimit: 128 });
    const moved = await read();
    expect(moved).toMatchObject({ id: first.id, used: 107 });
    expect(moved.updatedAt.getTime()).toBeGreaterThan(first.updatedAt.getTime());
  });

  it('alerts when a host falls silent and resolves when it reports again', async () => {
    await ingestReport(t.db, principal, makeReport({ hostName: 'gone', instances: 10 }));
    // Rounds every 30 s, as a running worker would: a single round ten minutes
    // on would read as the server having been down (lib/alerts/pause.ts).
    const from = Date.now() + 4 * 60_000; // after the rounds of the tests above
    for (let at = from; at <= from + 6 * 60_000; at += 30_000) await evaluateAlerts(t.db, { ...opts, now: new Date(at) });
    await deliverNotifications(t.db, { now: new Date(from + 10 * 60_000) });
    await report({ hostName: 'gone', instances: 10 });
    const got = hook.received.flatMap((r) => (r.json as { alerts: AlertMessage[] }).alerts).filter((a) => a.host.name === 'gone');
    expect(got.map((a) => `${a.dimension}:${a.event}`)).toEqual(['silent:firing', 'silent:resolved']);
  });
});
