import Link from 'next/link';
import { dimensionLabels } from '@/lib/dimensions';
import { defaultDir, fleetHref, type FleetQuery, type FleetSort } from '@/lib/fleet-query';
import { formatAgo, formatDuration } from '@/lib/format';
import { dimensionKeys, type HostSummary } from '@/lib/protocol/api';
import type { Thresholds } from '@/lib/risk';
import { FiringAlertNote } from '../FiringAlertNote';
import { HeadroomBar } from '../HeadroomBar';
import { StatusCell } from './StatusCell';

function SortHeader({ q, sort, children, title, right }: { q: FleetQuery; sort: FleetSort; children: React.ReactNode; title?: string; right?: boolean }) {
  const active = q.sort === sort;
  const dir = q.dir ?? defaultDir(q.sort);
  const next = active ? (dir === 'asc' ? 'desc' : 'asc') : defaultDir(sort);
  return (
    <th scope="col" className={`px-3 py-2 ${right ? 'text-right' : ''}`} title={title} aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <Link href={fleetHref(q, { sort, dir: next })} className="inline-flex items-center gap-1 hover:text-slate-900 dark:hover:text-white">
        {children}
        <span aria-hidden="true" className={active ? '' : 'opacity-30'}>{active && dir === 'asc' ? '▲' : '▼'}</span>
      </Link>
    </th>
  );
}

export function FleetTable({ hosts, now, q, t }: { hosts: HostSummary[]; now: Date; q: FleetQuery; t: Thresholds }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900">
      <table className="w-full text-sm">
        <caption className="sr-only">Hosts</caption>
        <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            <SortHeader q={q} sort="status">Status</SortHeader>
            <SortHeader q={q} sort="name">Host</SortHeader>
            {dimensionKeys.map((k) => <SortHeader key={k} q={q} sort={k} title={dimensionLabels[k].help}>{dimensionLabels[k].short}</SortHeader>)}
            <SortHeader q={q} sort="exhaustion" title="At the recent trend, until the first limit is reached">Full in</SortHeader>
            <SortHeader q={q} sort="containers" right>Containers</SortHeader>
            <SortHeader q={q} sort="lastSeen">Last seen</SortHeader>
          </tr>
        </thead>
        <tbody>
          {hosts.map((h) => (
            <tr key={h.id} className="border-t border-slate-100 dark:border-slate-800" data-testid="host-row">
              <td className="px-3 py-2"><StatusCell id={h.id} status={h.status} /><FiringAlertNote host={h} /></td>
              <td className="px-3 py-2 font-medium">
                <Link href={`/hosts/${h.id}`} className="text-blue-700 hover:underline dark:text-blue-300">{h.name}</Link>
                {h.panicRisk && <span className="ml-2 rounded bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white">watcher-panic risk</span>}
                {h.crashingBuildkit && <span className="ml-2 rounded bg-purple-700 px-1.5 py-0.5 text-xs font-semibold text-white">BuildKit v0.20.0</span>}
                {h.machineChanged && <span title="Reports came from another machine id within the day: a reinstall, or two machines under this name" className="ml-2 inline-block whitespace-nowrap rounded bg-amber-200 px-1.5 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-800 dark:text-amber-100">machine id changed</span>}
                {h.labels.length > 0 && (
                  <div className="mt-0.5 flex flex-wrap gap-1">
                    {h.labels.map((l) => <Link key={l} href={fleetHref(q, { label: l })} className="rounded bg-slate-100 px-1 text-xs font-normal text-slate-600 hover:bg-slate-200 dark:bg-slate-800 dark:text-slate-300">{l}</Link>)}
                  </div>
                )}
              </td>
              {dimensionKeys.map((k) => (
                <td key={k} className="px-3 py-2"><HeadroomBar d={h.dimensions[k]} label={dimensionLabels[k].title} t={t} /></td>
              ))}
              <td className="px-3 py-2 whitespace-nowrap tabular-nums">{h.exhaustionSeconds === null ? '—' : formatDuration(h.exhaustionSeconds)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{h.containersRunning ?? '—'}</td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-600 dark:text-slate-400">
                <time dateTime={h.lastSeen ?? undefined}>{formatAgo(h.lastSeen, now)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
