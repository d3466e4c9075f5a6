import { describe, expect, it } from 'vitest';
import { sendBatches } from './deliver-notifications';
import { emailContent } from './channels/email';
import { slackText } from './channels/slack';
import { digestSubject, fullAt, subject, summarize, type AlertMessage } from './message';

const at = '2026-12-01T13:45:00.000Z';
function message(over: Partial<AlertMessage>): AlertMessage {
  const m: AlertMessage = {
    alertId: 'a1', event: 'firing', severity: 'critical', rule: 'inotify instances (worst UID)', dimension: 'inotifyInstances',
    resource: 'inotifyInstances', subject: 'uid 0 (root)', host: { id: 'h1', name: 'ci-7' }, value: 118 / 128, used: 118, limit: 128,
    exhaustionSecs: null, fullAt: null, flaps: 0, summary: '', at, url: 'http://headroom.test/hosts/h1', ...over,
  };
  return { ...m, summary: summarize(m) };
}

describe('what an alert message says', () => {
  it('names the resource, whose it is and its used/limit', () => {
    expect(subject(message({}))).toBe('[CRITICAL] ci-7: inotify instances of uid 0 (root): 118 of 128 (92 %)');
    expect(summarize(message({ dimension: 'systemFds', resource: 'systemFds', subject: null, used: 95_000, limit: 100_000, value: 0.95 })))
      .toBe('system file handles: 95,000 of 100,000 (95 %)');
    expect(summarize(message({ dimension: 'processFds', resource: 'processFds', subject: 'dockerd (pid 812)', used: 900, limit: 1024, value: 900 / 1024 })))
      .toBe('process fds of dockerd (pid 812): 900 of 1,024 (87 %)');
    expect(subject(message({ event: 'resolved', used: 40, value: 40 / 128 }))).toBe('[RESOLVED] ci-7: inotify instances of uid 0 (root): 40 of 128 (31 %), back to normal');
  });

  it('says for time to exhaustion what runs out, its figures now and when it is full', () => {
    const ttx = message({ dimension: 'exhaustion', severity: 'warning', used: 101, limit: 128, value: 1200, exhaustionSecs: 1200, fullAt: fullAt(at, 1200) });
    expect(ttx.summary).toBe('inotify instances of uid 0 (root) full in about 20 min, at 14:05 UTC: 101 of 128 now');
    expect(ttx.fullAt).toBe('2026-12-01T14:05:00.000Z');
    // Further than the day: the date too.
    expect(summarize({ ...ttx, exhaustionSecs: 30 * 3600 })).toBe('inotify instances of uid 0 (root) full in about 30.0 h, at 2026-12-02 19:45 UTC: 101 of 128 now');
    expect(summarize({ ...ttx, exhaustionSecs: null })).toBe('inotify instances of uid 0 (root) no longer on course to run out: 101 of 128 now');
  });

  it('says the same on every channel, and titles one host\'s several alerts by the worst', () => {
    const level = message({});
    const ttx = message({ alertId: 'a2', dimension: 'exhaustion', severity: 'warning', used: 118, value: 600, exhaustionSecs: 600 });
    expect(digestSubject([ttx, level])).toBe(`${subject(level)} (+1 more)`);
    expect(emailContent([level, ttx]).text).toContain(ttx.summary);
    expect(slackText([level])).toContain(level.summary);
    expect(digestSubject([level, message({ host: { id: 'h2', name: 'ci-8' } })])).toBe('[Headroom] 2 alerts on 2 hosts: 2 critical');
  });

  it('says a reopened alert came back', () => {
    expect(emailContent([message({ flaps: 1 })]).text).toContain('State: now critical again (it resolved and came back: once)');
    expect(emailContent([message({ flaps: 2 })]).text).toContain('State: now critical again (it resolved and came back: 2 times)');
  });

  it('keeps a hostile host name from mentioning a Slack channel, linking, or forging e-mail lines', () => {
    const hostile = message({ host: { id: 'h1', name: '<!channel> <https://evil.example|click>\nRule: forged\u2028At: never' }, subject: 'x\r\nHost: other' });
    const slack = slackText([hostile]);
    expect(slack).not.toMatch(/<!channel>|<https:\/\/evil/);
    expect(slack).toContain('&lt;!channel&gt;');
    const digest = slackText([hostile, message({ host: { id: 'h2', name: 'b' } })]);
    expect(digest).not.toContain('<!channel>');
    expect(digest).toContain('<http://headroom.test/hosts/h1|&lt;!channel&gt; &lt;https://evil.example%7Cclick&gt;\\x0aRule: forged\\u2028At: never>'.replace('%7C', '|'));
    const mail = emailContent([hostile]);
    const lines = mail.text.split('\n');
    expect(lines.filter((l) => l.startsWith('Rule: '))).toEqual(['Rule: inotify instances (worst UID)']);
    expect(lines.filter((l) => l.startsWith('Host: '))).toHaveLength(1);
    expect(lines.some((l) => l.startsWith('At: never'))).toBe(false);
    expect(mail.subject).not.toMatch(/[\r\n\u2028]/);
  });

  it('tells a flood of hosts that went silent soon after enrolling in one line, after the real alerts', () => {
    const real = message({});
    const flood = Array.from({ length: 400 }, (_, i) => message({
      alertId: `s${i}`, dimension: 'silent', resource: null, subject: null, severity: 'warning', used: null, limit: null,
      host: { id: `f${i}`, name: `fake-${i}` }, shortLived: true,
    }));
    const all = [...flood.slice(0, 200), real, ...flood.slice(200)];
    expect(digestSubject(all)).toBe(`${subject(real)}; 400 new hosts went silent`);
    expect(digestSubject(flood)).toBe('[Headroom] 400 hosts went silent within an hour of enrolling');
    const slack = slackText(all).split('\n');
    expect(slack).toHaveLength(3);
    expect(slack[1]).toContain('ci-7');
    expect(slack[2]).toMatch(/^:ghost: 400 hosts went silent within an hour of enrolling: fake-0, fake-1, .*fake-9 and 390 more/);
    const mail = emailContent(all).text;
    expect(mail.split('\n\n')).toHaveLength(2);
    expect(mail).toContain('fake-49 and 350 more');
    // A long-lived host's silence stays an alert of its own.
    expect(slackText([real, { ...flood[0]!, shortLived: undefined }]).split('\n')).toHaveLength(3);
  });

  it('sends a flood of short-lived silences as one batch after the real digests, whatever the digest size', () => {
    const row = (id: string, m: AlertMessage) => ({ id, payload: { host: m.host, at, alerts: [m] } });
    const silent = (i: number) => row(`s${i}`, message({ dimension: 'silent', resource: null, host: { id: `f${i}`, name: `fake-${i}` }, shortLived: true }));
    const rows = [silent(0), row('r0', message({})), silent(1), silent(2), row('r1', message({ host: { id: 'h2', name: 'b' } })), silent(3)];
    expect(sendBatches(rows, 1).map((b) => b.map((r) => r.id))).toEqual([['r0'], ['r1'], ['s0', 's1', 's2', 's3']]);
    expect(sendBatches(rows.slice(1, 2), 50).map((b) => b.length)).toEqual([1]);
  });
});
