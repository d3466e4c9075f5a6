import { dimensionLabels, isDimensionKey } from '../dimensions';
import type { RuleDimension } from '../protocol';
import { formatCount, formatDuration, formatPercent } from './numbers';

export const ruleDimensionTitle: Record<RuleDimension, string> = {
  ...Object.fromEntries(Object.entries(dimensionLabels).map(([k, v]) => [k, v.title])) as Record<keyof typeof dimensionLabels, string>,
  silent: 'host silent',
  panicRisk: 'watcher-panic risk',
  exhaustion: 'time to exhaustion',
  failures: 'a watcher or file could not be created',
};

/** An alert's value as a person reads it. */
export function describeValue(dimension: string, value: number): string {
  if (dimension === 'silent') return value ? 'no reports' : 'reporting';
  if (dimension === 'panicRisk') return value ? 'at risk' : 'clear';
  if (dimension === 'exhaustion') return value < 0 ? '—' : `${formatDuration(value)} left`;
  if (dimension === 'failures') return value ? `${formatCount(value)} failed` : 'none failed';
  return formatPercent(value);
}

interface Described { dimension: string; resource: string | null; subject: string | null; used: number | null; limit: number | null }

/** What an alert is about: "inotify instances", "time to exhaustion: inotify instances". */
export function describeWhat(a: Described): string {
  const rule = ruleDimensionTitle[a.dimension as RuleDimension] ?? a.dimension;
  return a.dimension === 'exhaustion' && isDimensionKey(a.resource) ? `${rule}: ${dimensionLabels[a.resource].title}` : rule;
}

/** "118 of 128", or null when the alert has no figures (silent, panic risk). */
export function describeFigures(a: Described): string | null {
  return a.used !== null && a.limit !== null ? `${formatCount(a.used)} of ${formatCount(a.limit)}` : null;
}
