import type { SeriesPoint } from '@/lib/server/services/host-series';
import { TimeSeriesChart, type Series } from './charts/TimeSeriesChart';

// Each chart is configuration over the one wrapper: a used series and its limit.
const charts: { title: string; series: Series[] }[] = [
  { title: 'inotify instances (worst UID)', series: [
    { key: 'inotifyInstancesUsed', label: 'instances', color: '#2563eb' },
    { key: 'inotifyInstancesLimit', label: 'limit', color: '#dc2626', limit: true }] },
  { title: 'inotify watches (worst UID)', series: [
    { key: 'inotifyWatchesUsed', label: 'watches', color: '#7c3aed' },
    { key: 'inotifyWatchesLimit', label: 'limit', color: '#dc2626', limit: true }] },
  { title: 'Process fds (worst process)', series: [
    { key: 'processFdsUsed', label: 'open fds', color: '#0891b2' },
    { key: 'processFdsLimit', label: 'soft limit', color: '#dc2626', limit: true }] },
  { title: 'System file handles', series: [
    { key: 'systemFdsUsed', label: 'allocated', color: '#059669' }] },
  { title: 'Running containers', series: [
    { key: 'containersRunning', label: 'containers', color: '#ea580c' }] },
];

export function HostCharts({ points }: { points: SeriesPoint[] }) {
  const data = points as unknown as Record<string, number | null>[]; // SeriesPoint is a flat record of numbers
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {charts.map((c) => <TimeSeriesChart key={c.title} title={c.title} series={c.series} data={data} />)}
    </div>
  );
}
