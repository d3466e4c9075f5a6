import type { SeriesPoint } from '@/lib/server/services/host-series';
import { TimeSeriesChart, type Marker, type Series } from './charts/TimeSeriesChart';

// Each chart is configuration over the one wrapper: a used series and its limit.
const charts: { title: string; dimension: string; series: Series[] }[] = [
  { title: 'inotify instances (worst UID)', dimension: 'inotifyInstances', series: [
    { key: 'inotifyInstancesUsed', label: 'instances', color: '#2563eb' },
    { key: 'inotifyInstancesLimit', label: 'limit', color: '#dc2626', limit: true }] },
  { title: 'inotify watches (worst UID)', dimension: 'inotifyWatches', series: [
    { key: 'inotifyWatchesUsed', label: 'watches', color: '#7c3aed' },
    { key: 'inotifyWatchesLimit', label: 'limit', color: '#dc2626', limit: true }] },
  { title: 'Process fds (worst process)', dimension: 'processFds', series: [
    { key: 'processFdsUsed', label: 'open fds', color: '#0891b2' },
    { key: 'processFdsLimit', label: 'soft limit', color: '#dc2626', limit: true }] },
  { title: 'System file handles', dimension: 'systemFds', series: [
    { key: 'systemFdsUsed', label: 'allocated', color: '#059669' }] },
  { title: 'Running containers', dimension: 'containers', series: [
    { key: 'containersRunning', label: 'containers', color: '#ea580c' }] },
];

export interface AlertPeriod { dimension: string; severity: string; from: number; to: number }

/** Each chart shades its own dimension's alerts; every chart shades silences and host-wide alerts. */
interface Props {
  points: SeriesPoint[];
  alerts: AlertPeriod[];
  silences: { from: number; to: number }[];
  uids: { uids: { uid: number; user: string | null }[]; points: Record<string, number>[] };
  selectedAt?: number;
}

const palette = ['#2563eb', '#db2777', '#16a34a', '#ea580c', '#7c3aed'];

export function HostCharts({ points, alerts, silences, uids, selectedAt }: Props) {
  const data = points as unknown as Record<string, number | null>[]; // SeriesPoint is a flat record of numbers
  const hostWide = new Set(['silent', 'panicRisk', 'exhaustion']);
  const markersFor = (dimension: string): Marker[] => [
    ...alerts.filter((a) => a.dimension === dimension || hostWide.has(a.dimension)).map((a) => ({
      from: a.from, to: a.to, kind: a.severity === 'critical' ? 'critical' as const : 'warning' as const, label: a.severity,
    })),
    ...silences.map((s) => ({ ...s, kind: 'silence' as const, label: 'silenced' })),
  ];
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {charts.map((c) => <TimeSeriesChart key={c.title} title={c.title} series={c.series} data={data} markers={markersFor(c.dimension)} selectedAt={selectedAt} />)}
      {(['i', 'w'] as const).map((kind) => (
        <TimeSeriesChart key={kind} title={kind === 'i' ? 'inotify instances per user' : 'inotify watches per user'} data={uids.points} selectedAt={selectedAt}
          series={uids.uids.map((u, i) => ({ key: `${kind}${u.uid}`, label: u.user ? `${u.user} (${u.uid})` : `uid ${u.uid}`, color: palette[i % palette.length]! }))} />
      ))}
    </div>
  );
}
