'use client';
// The one chart wrapper: each chart is a list of series over shared time data,
// with the limit drawn as a reference line. Click a moment to see who held what
// then (?at=); drag across a stretch to zoom into it (?from=&to=). Charts given
// one syncId show the moment under the pointer on all of them.
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useRef, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, type TickItem } from 'recharts';
import { formatAxis, formatCount } from '@/lib/format';
import { BandLabels, type Band } from './BandLabels';
import { ChartTooltip } from './ChartTooltip';
import { gapThreshold, silentSpans } from './gaps';
import { yScale } from './scale';
import { tickFormat } from './time-format';
import { card } from '../../ui/styles';

export type { Band } from './BandLabels';

export interface Series {
  key: string;
  label: string;
  color: string;
  /** Drawn as a dashed step line: a limit, not a measurement. */
  limit?: boolean;
}

export interface TimeSeriesChartProps {
  title: string;
  /** A line under the title: how the series was sampled, say. */
  note?: string;
  data: Record<string, number | null>[];
  series: Series[];
  /** The range the page chose (ms): the axis spans it whole, so a gap up to now shows as a gap. */
  range: { from: number; to: number };
  /** How much time each point stands for; a point's `t` is the start of it. */
  bucketMs: number;
  /** Points further apart than this are a gap in the reports, drawn as one (default three buckets). */
  gapMs?: number;
  /** The dimension a click asks the page to find the peak of, within the clicked bucket. */
  peak?: string;
  /** Alerts (by severity) and silences, shaded. */
  markers?: Band[];
  /** The moment whose processes the page shows, drawn as a line. */
  selectedAt?: number;
  /** Failed calls that ran into this chart's limit, each a red line at its time. */
  events?: { at: number; label: string }[];
  /** Scale the Y axis to the measured series instead of from zero to the limit. */
  fit?: boolean;
  /** Charts sharing it share the pointer's moment. */
  syncId?: string;
  height?: number;
}

const markerFill = { warning: '#f59e0b', critical: '#dc2626', silence: '#64748b' } as const;

/**
 * The points with a break (a point of nulls) after each one that starts a
 * stretch without reports: without it the curve would be drawn straight
 * through a host's silence, as if it had reported all along.
 */
function withGaps(data: Record<string, number | null>[], series: Series[], bucketMs: number, gapMs?: number): Record<string, number | null>[] {
  const ts = data.map((p) => Number(p.t));
  const breaks = new Set(silentSpans(ts, bucketMs, gapThreshold(bucketMs, gapMs)).map(([from]) => from));
  const blank = Object.fromEntries(series.map((s) => [s.key, null]));
  return data.flatMap((p, i) => (breaks.has(ts[i]! + bucketMs) ? [p, { ...blank, t: ts[i]! + bucketMs }] : [p]));
}

/** Evenly spaced ticks over the whole range (left to itself, the axis ticks only where the data is). */
function ticksOver(first: number, last: number, n = 6): number[] {
  return last > first ? Array.from({ length: n }, (_, i) => Math.round(first + ((last - first) * i) / (n - 1))) : [first];
}

/**
 * How a chart finds the moment another chart points at: its own point that
 * holds it (charts of one page bucket their points differently), or none
 * when it has no point within a bucket of it.
 */
function syncByTime(bucketMs: number) {
  return (ticks: ReadonlyArray<TickItem>, active: { activeLabel?: string | number }): number => {
    const t = Number(active.activeLabel);
    let best = -1;
    ticks.forEach((tick, i) => {
      const v = Number(tick.value);
      if (v <= t && t - v < Math.max(bucketMs, 1000) * 2 && (best === -1 || v > Number(ticks[best]!.value))) best = i;
    });
    return best;
  };
}

function useUrlParams() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  return (change: Record<string, string | null>) => {
    const p = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(change)) {
      if (v === null) p.delete(k);
      else p.set(k, v);
    }
    router.push(`${pathname}?${p.toString()}`, { scroll: false });
  };
}

export function TimeSeriesChart({ title, note, data, series, range: win, bucketMs, gapMs, peak, markers = [], selectedAt, events = [], fit = false, syncId, height = 220 }: TimeSeriesChartProps) {
  // A rollup bucket may start just before the window: keep it in view.
  const first = Math.min(win.from, Number(data[0]?.t ?? win.from));
  const last = Math.max(win.to, Number(data.at(-1)?.t ?? win.to));
  const points = withGaps(data, series, bucketMs, gapMs);
  const y = yScale(data, series, fit);
  const bands = markers.filter((m) => m.to >= first && m.from <= last);
  const setParams = useUrlParams();
  // A press: the moment under it as the chart snaps it (a point's bucket start,
  // for a click) and where it is on the axis (a, b: for a drag, which may cross
  // stretches without points now that the axis spans the whole range).
  const [drag, setDrag] = useState<{ pick: number | null; x: number; a: number; b: number } | null>(null);
  const plot = useRef<HTMLDivElement>(null);
  // The last moment under the pointer: a press can arrive before the chart's own state caught up.
  const hover = useRef<number | null>(null);
  const label = (s: { activeLabel?: string | number }) => (s.activeLabel === undefined ? hover.current : Number(s.activeLabel));
  /** The time at a pointer position, from the plot area's own box. */
  const timeAt = (clientX: number): number | null => {
    const box = plot.current?.querySelector('.recharts-cartesian-grid')?.getBoundingClientRect();
    if (!box || box.width === 0) return null;
    return Math.round(first + Math.min(1, Math.max(0, (clientX - box.left) / box.width)) * (last - first));
  };
  const finish = (clientX?: number) => {
    if (!drag) return;
    setDrag(null);
    // Points are bucket starts: a click asks for its bucket (up to its end), and
    // the page shows the report that peaked in it. Moving less than a few pixels is a click.
    const end = (t: number) => Math.min(t + bucketMs - 1000, win.to);
    if (clientX === undefined || Math.abs(clientX - drag.x) < 5) {
      if (drag.pick !== null) setParams({ at: String(Math.max(end(drag.pick), drag.pick)), peak: peak ?? null });
      return;
    }
    const [from, to] = drag.a < drag.b ? [drag.a, drag.b] : [drag.b, drag.a];
    if (to > from) setParams({ from: String(from), to: String(Math.min(to, win.to)), at: null, peak: null });
  };
  return (
    <figure className={`${card} min-w-0 p-3`}>
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
        <span className="font-medium">{title}</span>
        {y.limitAbove !== null && (
          <span className="text-xs text-red-700 dark:text-red-300" data-testid="limit-above">↑ limit {formatCount(y.limitAbove)}, above this view</span>
        )}
        {note && <span className="w-full text-xs text-slate-500 dark:text-slate-400">{note}</span>}
      </figcaption>
      {data.length === 0 ? (
        <p className="py-10 text-center text-sm text-slate-500 dark:text-slate-400">No reports in this range.</p>
      ) : (
        <div ref={plot} style={{ height }} data-testid="chart">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }} style={{ cursor: 'crosshair', userSelect: 'none' }}
              syncId={syncId} syncMethod={syncByTime(bucketMs)}
              onMouseDown={(s, e) => {
                // A press on the legend is not a pick of a moment.
                if ((e?.target as Element | undefined)?.closest?.('.recharts-legend-wrapper')) return;
                const x = e?.clientX;
                const at = x === undefined ? null : timeAt(x);
                const pick = label(s);
                if (x !== undefined && (at !== null || pick !== null)) setDrag({ pick, x, a: at ?? pick!, b: at ?? pick! });
              }}
              onMouseMove={(s, e) => {
                hover.current = label(s);
                const at = e?.clientX === undefined ? null : timeAt(e.clientX);
                if (drag && at !== null) setDrag({ ...drag, b: at });
              }}
              onMouseUp={(_, e) => finish(e?.clientX)}
              onMouseLeave={() => setDrag(null)}>
              <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
              <XAxis dataKey="t" type="number" scale="time" domain={[first, last]} ticks={ticksOver(first, last)} tickFormatter={tickFormat(last - first)} fontSize={11} minTickGap={40} />
              <YAxis fontSize={11} width="auto" domain={y.domain} ticks={y.ticks} allowDataOverflow tickFormatter={formatAxis} />
              {bands.map((m, i) => (
                <ReferenceArea key={i} x1={Math.max(m.from, first)} x2={Math.min(m.to, last)} fill={markerFill[m.kind]} fillOpacity={0.12}
                  stroke={markerFill[m.kind]} strokeOpacity={0.4} ifOverflow="hidden" />
              ))}
              {drag && drag.a !== drag.b && <ReferenceArea x1={drag.a} x2={drag.b} fill="#3b82f6" fillOpacity={0.15} />}
              {selectedAt !== undefined && selectedAt >= first && selectedAt <= last && <ReferenceLine x={selectedAt} stroke="#2563eb" strokeWidth={2} />}
              {events.filter((e) => e.at >= first && e.at <= last).map((e, i) => (
                <ReferenceLine key={`f${i}`} x={e.at} stroke="#dc2626" strokeWidth={1.5} strokeDasharray="2 2" ifOverflow="hidden"
                  label={{ value: '✕', position: 'insideTopLeft', fill: '#dc2626', fontSize: 11 }} />
              ))}
              <Tooltip content={<ChartTooltip bands={bands} bucketMs={bucketMs} now={win.to} />} isAnimationActive={false} />
              <Legend verticalAlign="top" align="right" height={22} iconSize={9} wrapperStyle={{ fontSize: 11 }} />
              {series.map((s) =>
                s.limit ? (
                  <Line key={s.key} dataKey={s.key} name={s.label} stroke={s.color} strokeDasharray="6 4" dot={false} type="stepAfter" isAnimationActive={false} />
                ) : (
                  <Area key={s.key} dataKey={s.key} name={s.label} stroke={s.color} fill={s.color} fillOpacity={0.15} type="monotone" isAnimationActive={false} />
                ),
              )}
              <BandLabels bands={bands} first={first} last={last} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
