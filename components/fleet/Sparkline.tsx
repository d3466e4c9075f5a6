import { formatPercent } from '@/lib/format';
import type { Thresholds } from '@/lib/risk';

const W = 96;
const H = 22;
// At least this span of the limit fills the height: a host steady at 40 % draws flat, a climb from 1 % to 3 % still shows.
const MIN_SPAN = 0.05;
// One colour for the line: the status badge says the level; the levels show as dashed lines where the scale reaches them.
const line = 'stroke-sky-700 dark:stroke-sky-400';
const levels = { warning: 'stroke-amber-500', critical: 'stroke-red-600 dark:stroke-red-400' } as const;

/** A host's worst fraction of any limit over the last hour, scaled to its own range; gaps where it sent nothing. */
export function Sparkline({ f, t }: { f: (number | null)[]; t: Thresholds }) {
  const values = f.filter((v): v is number => v !== null);
  if (!values.length) return <span className="text-xs text-slate-500 dark:text-slate-400" title="No reports in the last hour">—</span>;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  // A range narrower than MIN_SPAN sits in the middle of it: a steady host draws a flat line halfway up.
  const bottom = Math.max(0, hi - lo >= MIN_SPAN ? lo : (lo + hi) / 2 - MIN_SPAN / 2);
  const span = Math.max(MIN_SPAN, hi - bottom);
  const x = (i: number) => (i / Math.max(1, f.length - 1)) * (W - 2) + 1;
  const y = (v: number) => H - 1 - ((v - bottom) / span) * (H - 2);
  // Runs of consecutive minutes: a gap in reports is a gap in the line.
  const runs: [number, number][][] = [];
  f.forEach((v, i) => {
    if (v === null) return;
    if (i === 0 || f[i - 1] === null) runs.push([]);
    runs[runs.length - 1]!.push([x(i), y(v)]);
  });
  const first = values[0]!;
  const last = values[values.length - 1]!;
  const text = `Worst limit over the last hour: ${formatPercent(first)} → ${formatPercent(last)}, peak ${formatPercent(hi)} (scale ${formatPercent(bottom)}–${formatPercent(bottom + span)})`;
  return (
    <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={text} data-testid="sparkline" className="block overflow-visible">
      <title>{text}</title>
      {values.length > 1 && (['warning', 'critical'] as const).filter((k) => t[k] > bottom && t[k] <= bottom + span).map((k) => (
        <line key={k} x1={0} x2={W} y1={y(t[k])} y2={y(t[k])} strokeWidth={1} strokeDasharray="2 2" className={levels[k]} />
      ))}
      {runs.map((run, i) => run.length === 1
        ? <circle key={i} cx={run[0]![0]} cy={run[0]![1]} r={1.5} className="fill-sky-700 dark:fill-sky-400" />
        : <polyline key={i} points={run.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ')} fill="none" strokeWidth={1.5} strokeLinejoin="round" className={line} />)}
    </svg>
  );
}
