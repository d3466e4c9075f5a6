import { dimensionCharts } from '@/lib/dimensions';
import { UNLIMITED } from '@/lib/risk';
import type { Series as HostSeries } from '@/lib/history';
import type { ContainerSeries, UidSeries } from '@/lib/history';
import type { AlertPeriod } from '@/lib/views';
import { gapThreshold, silentSpans } from './charts/gaps';
import { TimeSeriesChart, type Band, type Series } from './charts/TimeSeriesChart';

// Each chart is configuration over the one wrapper: a dimension's used series and its limit (lib/dimensions).
const charts: { title: string; dimension: string; series: Series[] }[] = [
  ...dimensionCharts,
  { title: 'Running containers', dimension: 'containers', series: [
    { key: 'containersRunning', label: 'containers', color: '#ea580c' }] },
];
const unlimitedKeys = dimensionCharts.flatMap((c) => c.series.filter((x) => x.unlimited).map((x) => x.key));

const hostWideLabel: Record<string, string> = { silent: 'host silent', panicRisk: 'watcher-panic risk', exhaustion: 'time to exhaustion' };

/** Each chart shades its own dimension's alerts; every chart shades silences and host-wide alerts. */
interface Props {
  series: HostSeries;
  alerts: AlertPeriod[];
  silences: { from: number; to: number }[];
  uids: UidSeries;
  containers: ContainerSeries;
  /** The chosen time range (ms), which every axis spans. */
  range: { from: number; to: number };
  /** Reports further apart than this mean the host was silent (its silent-after time). */
  gapMs: number;
  selectedAt?: number;
  /** Y axes fit to the data rather than from zero to the limit. */
  fit?: boolean;
  /** Failed calls, each marked on the chart of the limit it ran into. */
  failures?: { at: number; dimension: string; label: string }[];
}

// What uid_sample holds (lib/ingest/samples.ts): the charts above take every report, these do not.
const perUserNote = `Per-user counts are sampled once a minute at most (when they change); each holds until the next sample.`;
const perContainerNote = `Sums by container are sampled with the top processes, once a minute at most (when they change); each holds until the next sample.`;

const palette = ['#2563eb', '#db2777', '#16a34a', '#ea580c', '#7c3aed', '#0891b2', '#ca8a04', '#4b5563', '#be123c', '#059669'];

export function HostCharts({ series, alerts, silences, uids, containers, range, gapMs, selectedAt, fit = false, failures = [] }: Props) {
  // SeriesPoint is a flat record of numbers. An unlimited limit (fs.file-max at
  // LONG_MAX) is no line at all rather than one that flattens the chart.
  const data = series.points.map((p) => {
    const row: Record<string, number | null> = { ...p };
    for (const k of unlimitedKeys) if ((row[k] ?? 0) >= UNLIMITED) row[k] = null;
    return row;
  });
  const finite = new Set(unlimitedKeys.filter((k) => data.some((p) => p[k] !== null)));
  // Per-user samples are written on change and hold until the next; a silence
  // in the reports is a silence here too, not a flat line.
  const quiet = silentSpans(series.points.map((p) => p.t), series.bucketMs, gapThreshold(series.bucketMs, gapMs), range.to);
  const heard = (p: Record<string, number>) => !quiet.some(([a, b]) => p.t! >= a && p.t! < b);
  const uidPoints = uids.points.filter(heard);
  const containerPoints = containers.points.filter(heard);
  const hostWide = new Set(['silent', 'panicRisk', 'exhaustion']);
  const markersFor = (dimension: string): Band[] => [
    ...alerts.filter((a) => a.dimension === dimension || hostWide.has(a.dimension)).map((a) => ({
      from: a.from, to: a.to, kind: a.severity === 'critical' ? 'critical' as const : 'warning' as const,
      // A host-wide alert says what it is: shading every chart "critical" for a silence reads as a breach.
      label: hostWide.has(a.dimension) ? `${hostWideLabel[a.dimension]} (${a.severity})` : a.severity,
    })),
    ...silences.map((s) => ({ ...s, kind: 'silence' as const, label: 'silenced' })),
  ];
  // One colour per user across both per-user charts.
  const users = [...new Map([...uids.instances, ...uids.watches].map((u) => [u.uid, u])).values()];
  const color = (uid: number) => palette[users.findIndex((u) => u.uid === uid) % palette.length]!;
  const perUser = [
    { key: 'i', title: 'inotify instances per user', users: uids.instances, peak: 'inotifyInstances' },
    { key: 'w', title: 'inotify watches per user', users: uids.watches, peak: 'inotifyWatches' },
  ];
  const perContainer = [
    { title: 'inotify instances by container', lines: containers.instances, peak: 'inotifyInstances' as const },
    { title: 'inotify watches by container', lines: containers.watches, peak: 'inotifyWatches' as const },
  ];
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {charts.map((c) => <TimeSeriesChart key={c.title} title={c.title} data={data} range={range} bucketMs={series.bucketMs} gapMs={gapMs} fit={fit} syncId="host"
        peak={c.dimension === 'containers' ? undefined : c.dimension}
        series={c.series.filter((x) => !unlimitedKeys.includes(x.key) || finite.has(x.key))} markers={markersFor(c.dimension)} selectedAt={selectedAt}
        events={failures.filter((f) => f.dimension === c.dimension)} />)}
      {perUser.map((c) => (
        <TimeSeriesChart key={c.key} title={c.title} note={perUserNote} data={uidPoints} range={range} bucketMs={uids.bucketMs} gapMs={gapMs} peak={c.peak} selectedAt={selectedAt} fit={fit} syncId="host"
          series={c.users.map((u) => ({ key: `${c.key}${u.uid}`, label: u.user ? `${u.user} (${u.uid})` : `uid ${u.uid}`, color: color(u.uid) }))} />
      ))}
      {perContainer.filter((c) => c.lines.length > 0).map((c) => (
        <TimeSeriesChart key={c.title} title={c.title} note={perContainerNote} data={containerPoints} range={range} bucketMs={containers.bucketMs} gapMs={gapMs} peak={c.peak} selectedAt={selectedAt} fit={fit} syncId="host"
          series={c.lines.map((l) => ({ key: l.key, label: l.label, color: palette[Number(l.key.slice(2)) % palette.length]! }))} />
      ))}
    </div>
  );
}
