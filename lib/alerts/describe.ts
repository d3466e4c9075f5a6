import { dimensionLabels } from '../dimensions';
import { formatDuration, formatPercent } from '../format';
import type { RuleDimension } from './rule';

export const ruleDimensionTitle: Record<RuleDimension, string> = {
  ...Object.fromEntries(Object.entries(dimensionLabels).map(([k, v]) => [k, v.title])) as Record<keyof typeof dimensionLabels, string>,
  silent: 'host silent',
  panicRisk: 'watcher-panic risk',
  exhaustion: 'time to exhaustion',
};

/** An alert's value as a person reads it. */
export function describeValue(dimension: string, value: number): string {
  if (dimension === 'silent') return value ? 'no reports' : 'reporting';
  if (dimension === 'panicRisk') return value ? 'at risk' : 'clear';
  if (dimension === 'exhaustion') return value < 0 ? '—' : `${formatDuration(value)} left`;
  return formatPercent(value);
}
