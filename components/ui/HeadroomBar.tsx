import type { Dimension } from '@/lib/protocol';
import { formatCount, formatPercent } from '@/lib/format';
import { DEFAULT_THRESHOLDS, levelOf, type Thresholds } from '@/lib/risk';

const fill = { ok: 'bg-emerald-500', warning: 'bg-amber-500', critical: 'bg-red-600' } as const;

/**
 * Used fraction of one limit, with the exact numbers in text and on hover.
 * `stale`: why the figure is old (a silent host's), said on hover; the bar turns grey.
 */
export function HeadroomBar({ d, label, t = DEFAULT_THRESHOLDS, stale }: { d: Dimension; label: string; t?: Thresholds; stale?: string }) {
  const level = levelOf(d.fraction, t);
  const width = `${Math.min(100, Math.max(d.fraction > 0 ? 2 : 0, d.fraction * 100))}%`;
  const detail = `${label}: ${formatCount(d.used)} of ${formatCount(d.limit)} (${formatPercent(d.fraction)})${stale ? `. ${stale}` : ''}`;
  return (
    <div className="min-w-24" title={detail} data-stale={stale ? '' : undefined}>
      <div className="h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-700" role="meter" aria-label={label}
        aria-valuemin={0} aria-valuemax={d.limit} aria-valuenow={d.used} aria-valuetext={detail}>
        <div className={`h-full ${stale ? 'bg-slate-400 dark:bg-slate-500' : fill[level]}`} style={{ width }} />
      </div>
      <div className="mt-0.5 whitespace-nowrap text-xs tabular-nums text-slate-600 dark:text-slate-400">
        {formatPercent(d.fraction)} <span className="text-slate-500 dark:text-slate-400">· {formatCount(d.used)}/{formatCount(d.limit)}</span>
      </div>
    </div>
  );
}
