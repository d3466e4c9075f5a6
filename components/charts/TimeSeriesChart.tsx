'use client';
// The one chart wrapper: each chart is a list of series over shared time data,
// with the limit drawn as a reference line.
import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface Series {
  key: string;
  label: string;
  color: string;
  /** Drawn as a dashed step line: a limit, not a measurement. */
  limit?: boolean;
}

/** A stretch of time to shade: an alert (by severity) or a silence. */
export interface Marker { from: number; to: number; kind: 'warning' | 'critical' | 'silence'; label: string }

export interface TimeSeriesChartProps {
  title: string;
  data: Record<string, number | null>[];
  series: Series[];
  markers?: Marker[];
  height?: number;
}

const markerFill = { warning: '#f59e0b', critical: '#dc2626', silence: '#64748b' } as const;

const hm = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const hms = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const day = new Intl.DateTimeFormat('en-GB', { month: 'short', day: 'numeric' });

/** Tick labels fine enough to tell ticks apart over the data's span. */
function tickFormat(data: Record<string, number | null>[]): (t: number) => string {
  const span = Number(data.at(-1)?.t ?? 0) - Number(data[0]?.t ?? 0);
  if (span > 3 * 86400_000) return (t) => day.format(t);
  if (span < 30 * 60_000) return (t) => hms.format(t);
  return (t) => hm.format(t);
}
const full = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
const num = new Intl.NumberFormat('en-US');

export function TimeSeriesChart({ title, data, series, markers = [], height = 220 }: TimeSeriesChartProps) {
  const first = Number(data[0]?.t ?? 0);
  const last = Number(data.at(-1)?.t ?? 0);
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-900">
      <figcaption className="mb-2 text-sm font-medium">{title}</figcaption>
      {data.length === 0 ? (
        <p className="py-10 text-center text-sm text-slate-500">No reports in this range.</p>
      ) : (
        <div style={{ height }} data-testid="chart">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
              <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={tickFormat(data)} fontSize={11} minTickGap={40} />
              <YAxis fontSize={11} width={56} tickFormatter={(v: number) => num.format(v)} allowDecimals={false} />
              {markers.filter((m) => m.to >= first && m.from <= last).map((m, i) => (
                <ReferenceArea key={i} x1={Math.max(m.from, first)} x2={Math.min(m.to, last)} fill={markerFill[m.kind]} fillOpacity={0.12}
                  stroke={markerFill[m.kind]} strokeOpacity={0.4} ifOverflow="hidden" label={{ value: m.label, position: 'insideTopLeft', fontSize: 10 }} />
              ))}
              <Tooltip labelFormatter={(t) => full.format(Number(t))} formatter={(v) => num.format(Number(v))} />
              {series.map((s) =>
                s.limit ? (
                  <Line key={s.key} dataKey={s.key} name={s.label} stroke={s.color} strokeDasharray="6 4" dot={false} type="stepAfter" isAnimationActive={false} />
                ) : (
                  <Area key={s.key} dataKey={s.key} name={s.label} stroke={s.color} fill={s.color} fillOpacity={0.15} type="monotone" isAnimationActive={false} />
                ),
              )}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
