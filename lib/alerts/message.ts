// What a notification says, independent of the channel that carries it.
import { dimensionLabels } from '../dimensions';
import { formatCount, formatDuration, formatPercent } from '../format';
import type { EventKind } from './evaluate';
import type { RuleDimension, Severity } from './rule';

export interface AlertMessage {
  alertId: string;
  event: EventKind | 'test';
  severity: Severity;
  rule: string;
  dimension: RuleDimension;
  host: { id: string; name: string };
  value: number;
  used: number | null;
  limit: number | null;
  exhaustionSecs: number | null;
  at: string;
  url: string;
}

const dimensionTitle = (d: RuleDimension) =>
  d === 'silent' ? 'no reports' : d === 'panicRisk' ? 'watcher-panic risk' : d === 'exhaustion' ? 'time to exhaustion' : dimensionLabels[d].title;


function reading(m: AlertMessage): string {
  if (m.dimension === 'silent') return 'has stopped reporting';
  if (m.dimension === 'panicRisk') return 'runs dockerd, containerd or buildkitd as a user at its inotify limit';
  if (m.dimension === 'exhaustion') return m.exhaustionSecs === null ? 'no longer on course for a limit' : `reaches a limit in ${formatDuration(m.exhaustionSecs)} at its recent trend`;
  const numbers = m.used !== null && m.limit !== null ? ` (${formatCount(m.used)} of ${formatCount(m.limit)})` : '';
  return `${dimensionTitle(m.dimension)} at ${formatPercent(m.value)}${numbers}`;
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

export function subject(m: AlertMessage): string {
  if (m.event === 'test') return `[TEST] Headroom test notification`;
  if (m.event === 'resolved') return `[RESOLVED] ${m.host.name}: ${dimensionTitle(m.dimension)} back to normal`;
  return `[${heads[m.event](m)}] ${m.host.name}: ${reading(m)}`;
}

export function body(m: AlertMessage): string[] {
  if (m.event === 'test') return ['This is a test from Headroom: this channel works.', m.url];
  const change = { pending: 'pending', firing: `now ${m.severity}`, escalated: 'warning → critical', deescalated: 'critical → warning', repeat: `still ${m.severity}, not acknowledged`, resolved: `${m.severity} → resolved` }[m.event];
  const lines = [
    `Host: ${m.host.name}`,
    `Rule: ${m.rule}`,
    `State: ${change}`,
    `Reading: ${reading(m)}`,
  ];
  if (m.exhaustionSecs !== null && m.dimension !== 'exhaustion') lines.push(`Time to exhaustion: ${formatDuration(m.exhaustionSecs)}`);
  lines.push(`At: ${m.at}`, `Host page: ${m.url}`);
  return lines;
}

export function digestSubject(ms: AlertMessage[]): string {
  const count = (pred: (m: AlertMessage) => boolean) => ms.filter(pred).length;
  const parts = [
    [count((m) => m.event !== 'resolved' && m.severity === 'critical'), 'critical'],
    [count((m) => m.event !== 'resolved' && m.severity === 'warning'), 'warning'],
    [count((m) => m.event === 'resolved'), 'resolved'],
  ].filter(([n]) => n).map(([n, w]) => `${n} ${w}`);
  const hosts = new Set(ms.map((m) => m.host.name)).size;
  return `[Headroom] ${ms.length} alerts on ${hosts} host${hosts === 1 ? '' : 's'}: ${parts.join(', ')}`;
}
