'use client';
// What the pointer is on: the moment, each series' value there, and every alert band or silence that covers it
// (band labels may be left off the chart when many crowd together; here each is named).
import type { Band } from './BandLabels';
import { clockTime, fullTime } from './time-format';

const num = new Intl.NumberFormat('en-US');
const swatch = { warning: 'bg-amber-500', critical: 'bg-red-600', silence: 'bg-slate-500' } as const;

interface Entry { name?: string | number; value?: unknown; color?: string; dataKey?: unknown }

export function ChartTooltip({ active, payload, label, bands, bucketMs, now }: {
  active?: boolean; payload?: ReadonlyArray<Entry>; label?: string | number; bands: Band[]; bucketMs: number; now: number;
}) {
  if (!active || label === undefined) return null;
  const t = Number(label);
  const covering = bands.filter((b) => b.from < t + bucketMs && b.to >= t);
  const values = (payload ?? []).filter((e) => typeof e.value === 'number');
  return (
    <div className="rounded border border-slate-200 bg-white px-2 py-1.5 text-xs shadow dark:border-slate-600 dark:bg-slate-800" data-testid="chart-tooltip">
      <div className="mb-1 font-medium">{fullTime(t)}</div>
      {values.map((e) => (
        <div key={String(e.dataKey)} className="flex justify-between gap-4">
          <span style={{ color: e.color }}>{e.name}</span><span className="tabular-nums">{num.format(e.value as number)}</span>
        </div>
      ))}
      {covering.map((b, i) => (
        <div key={i} className="mt-1 flex items-center gap-1.5">
          <span className={`inline-block h-2 w-2 rounded-sm ${swatch[b.kind]}`} aria-hidden="true" />
          <span>{b.label}, {clockTime(b.from)}–{b.to >= now ? 'now' : clockTime(b.to)}</span>
        </div>
      ))}
    </div>
  );
}
