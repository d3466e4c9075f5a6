// What a notification says, independent of the channel that carries it.
import { dimensionLabels } from '../dimensions';
import { formatCount, formatDuration, formatPercent } from '../format';
import { printable, type DimensionKey } from '../protocol';
import type { EventKind } from './evaluate';
import type { RuleDimension, Severity } from '../protocol';

export interface AlertMessage {
  alertId: string;
  event: EventKind | 'test';
  severity: Severity;
  rule: string;
  dimension: RuleDimension;
  /** What is measured: the rule's dimension, or what runs out for a time-to-exhaustion alert. */
  resource: DimensionKey | null;
  /** Whose count it is: "uid 0 (root)", "dockerd (pid 812)". */
  subject: string | null;
  host: { id: string; name: string };
  value: number;
  used: number | null;
  limit: number | null;
  exhaustionSecs: number | null;
  /** When the resource is expected to be full at its fitted trend. */
  fullAt: string | null;
  /** Times it resolved and came back within the reopen window. */
  flaps: number;
  /** The reading in one line: "inotify instances of uid 0 (root): 118 of 128 (92 %)". */
  summary: string;
  at: string;
  url: string;
  /** A silent alert of a host that stopped within an hour of enrolling: a digest tells these in one line. */
  shortLived?: true;
}

/** What one host's notification carries to each channel: its alerts of one moment. */
export interface HostNotification { host: { id: string; name: string }; at: string; alerts: AlertMessage[] }

/** The alerts an outbox row carries (rows written before grouping hold one message each). */
export function messagesOf(payload: HostNotification | AlertMessage): AlertMessage[] {
  return 'alerts' in payload ? payload.alerts : [payload];
}

/** An outbox row in the delivery log: "ci-7: firing critical, resolved warning". */
export function outboxLine(payload: HostNotification | AlertMessage): string {
  const ms = messagesOf(payload);
  return `${ms[0]?.host.name ?? '—'}: ${ms.map((m) => `${m.event} ${m.severity}`).join(', ')}`;
}

type Reading = Pick<AlertMessage, 'dimension' | 'resource' | 'subject' | 'value' | 'used' | 'limit' | 'exhaustionSecs' | 'at'>;

const resourceTitle = (r: Reading) => (r.resource ? `${dimensionLabels[r.resource].title}${r.subject ? ` of ${r.subject}` : ''}` : null);
const figures = (r: Reading) => (r.used !== null && r.limit !== null ? `${formatCount(r.used)} of ${formatCount(r.limit)}` : null);

/** When a resource fills, in UTC: "14:05 UTC", with the date when it is not within the day. */
export function fullAt(at: string, secs: number | null): string | null {
  if (secs === null || !Number.isFinite(secs)) return null;
  return new Date(Date.parse(at) + secs * 1000).toISOString();
}
function clock(iso: string, from: string): string {
  const t = iso.slice(11, 16);
  return Date.parse(iso) - Date.parse(from) < 20 * 3600_000 ? `${t} UTC` : `${iso.slice(0, 10)} ${t} UTC`;
}

/** The reading in one line, naming the resource, whose it is and its used/limit. */
export function summarize(r: Reading): string {
  if (r.dimension === 'silent') return 'has stopped reporting';
  if (r.dimension === 'panicRisk') return 'runs dockerd, containerd or buildkitd as a user at its inotify limit';
  // The subject names the program, the call and the limit that ran out (lib/risk failureReading).
  if (r.dimension === 'failures') return `could not create a watcher or file: ${r.subject ?? 'a call failed'}`;
  const what = resourceTitle(r) ?? 'a resource';
  const nums = figures(r);
  if (r.dimension === 'exhaustion') {
    const full = fullAt(r.at, r.exhaustionSecs);
    const now = nums ? `: ${nums} now` : '';
    if (full === null || r.exhaustionSecs === null) return `${what} no longer on course to run out${now}`;
    return `${what} full in about ${formatDuration(r.exhaustionSecs)}, at ${clock(full, r.at)}${now}`;
  }
  return `${what}: ${nums ?? '—'} (${formatPercent(r.value)})`;
}

const heads: Record<AlertMessage['event'], (m: AlertMessage) => string> = {
  test: () => 'TEST',
  pending: (m) => m.severity.toUpperCase(),
  firing: (m) => m.severity.toUpperCase(),
  escalated: () => 'CRITICAL',
  deescalated: () => 'WARNING',
  repeat: (m) => `STILL ${m.severity.toUpperCase()}`,
  resolved: () => 'RESOLVED',
};

function resolvedReading(m: AlertMessage): string {
  if (m.dimension === 'silent') return 'reporting again';
  if (m.dimension === 'panicRisk') return 'no longer at watcher-panic risk';
  if (m.dimension === 'failures') return 'no failed call for 5 minutes';
  // An exhaustion alert resolves when the climb eases: the reading says how it stands now.
  return m.dimension === 'exhaustion' ? m.summary : `${m.summary}, back to normal`;
}

/** "[CRITICAL] ci-7: inotify instances of uid 1000 (ci): 118 of 128 (92 %)". */
export function subject(m: AlertMessage): string {
  if (m.event === 'test') return `[TEST] Headroom test notification`;
  if (m.event === 'resolved') return printable(`[RESOLVED] ${m.host.name}: ${resolvedReading(m)}`);
  return printable(`[${heads[m.event](m)}] ${m.host.name}: ${m.summary}`);
}

/** The message's lines; a host or process name can hold newlines, which would forge lines of their own. */
export function body(m: AlertMessage): string[] {
  return bodyLines(m).map(printable);
}

function bodyLines(m: AlertMessage): string[] {
  if (m.event === 'test') return ['This is a test from Headroom: this channel works.', m.url];
  const change = { pending: 'pending', firing: `now ${m.severity}`, escalated: 'warning → critical', deescalated: 'critical → warning', repeat: `still ${m.severity}, not acknowledged`, resolved: `${m.severity} → resolved` }[m.event];
  const lines = [
    `Host: ${m.host.name}`,
    `Rule: ${m.rule}`,
    `State: ${change}${m.flaps > 0 && m.event === 'firing' ? ` again (it resolved and came back: ${m.flaps === 1 ? 'once' : `${m.flaps} times`})` : ''}`,
    `Reading: ${m.summary}`,
  ];
  if (m.exhaustionSecs !== null && m.dimension !== 'exhaustion') lines.push(`Time to exhaustion: ${formatDuration(m.exhaustionSecs)}`);
  lines.push(`At: ${m.at}`, `Host page: ${m.url}`);
  return lines;
}

const rank = (m: AlertMessage) => (m.event === 'resolved' ? 0 : m.severity === 'critical' ? 2 : 1);

/** Hosts that went silent soon after enrolling, as a flood of made-up names from a leaked token does. */
export const isShortLivedSilence = (m: AlertMessage) => m.shortLived === true && m.dimension === 'silent' && m.event !== 'resolved';

/** A digest's alerts, each told on its own, and the short-lived hosts' silences, told together so they cannot drown the rest. */
export function digestParts(ms: AlertMessage[]): { alerts: AlertMessage[]; shortLived: AlertMessage[] } {
  return { alerts: ms.filter((m) => !isShortLivedSilence(m)), shortLived: ms.filter(isShortLivedSilence) };
}

/** "400 hosts went silent within an hour of enrolling: a, b, c and 397 more (a leaked token?)". */
export function shortLivedLine(ms: AlertMessage[], shown = 10): string {
  const names = ms.slice(0, shown).map((m) => m.host.name).join(', ');
  const more = ms.length > shown ? ` and ${ms.length - shown} more` : '';
  return printable(`${ms.length} host${ms.length === 1 ? '' : 's'} went silent within an hour of enrolling: ${names}${more}. `
    + 'Made-up hosts from a leaked token look like this: Settings → API tokens, "Remove hosts…"');
}

/** A digest told line by line: each alert's subject, then the short-lived hosts' silences in one line. */
export function digestLines(ms: AlertMessage[]): string[] {
  const { alerts, shortLived } = digestParts(ms);
  return [...alerts.map(subject), ...(shortLived.length ? [shortLivedLine(shortLived)] : [])];
}

/** The key a paging service files an alert under, so its resolve closes what its trigger opened; a test has its own. */
export const alertKey = (m: AlertMessage, deliveryId: string) => (m.event === 'test' ? `headroom-test-${deliveryId}` : `headroom-${m.alertId}`);

/** Several alerts in one message: one host's ("[CRITICAL] ci-7: 2 alerts, …") or a fleet's. */
export function digestSubject(all: AlertMessage[]): string {
  const { alerts: ms, shortLived } = digestParts(all);
  if (ms.length === 0) return printable(`[Headroom] ${shortLived.length} hosts went silent within an hour of enrolling`);
  if (shortLived.length > 0) {
    const head = ms.length === 1 ? subject(ms[0]!) : digestSubject(ms);
    return `${head}; ${shortLived.length} new host${shortLived.length === 1 ? '' : 's'} went silent`;
  }
  const hosts = new Set(ms.map((m) => m.host.id)).size;
  if (hosts === 1) {
    const worst = [...ms].sort((a, b) => rank(b) - rank(a))[0]!;
    return `${subject(worst)} (+${ms.length - 1} more)`;
  }
  const count = (pred: (m: AlertMessage) => boolean) => ms.filter(pred).length;
  const parts = [
    [count((m) => m.event !== 'resolved' && m.severity === 'critical'), 'critical'],
    [count((m) => m.event !== 'resolved' && m.severity === 'warning'), 'warning'],
    [count((m) => m.event === 'resolved'), 'resolved'],
  ].filter(([n]) => n).map(([n, w]) => `${n} ${w}`);
  return printable(`[Headroom] ${ms.length} alerts on ${hosts} hosts: ${parts.join(', ')}`);
}
