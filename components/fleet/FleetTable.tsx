import Link from 'next/link';
import { Fragment } from 'react';
import { dimensionLabels } from '@/lib/dimensions';
import { defaultDir, fleetHref, type FleetQuery, type FleetSort } from '@/lib/protocol';
import { describeFullIn, describeRoom, firstToFill, formatAgo, formatDuration } from '@/lib/format';
import { dimensionKeys, type HostSummary } from '@/lib/protocol';
import type { Thresholds } from '@/lib/risk';
import type { Trend } from '@/lib/hosts';
import type { FleetPage } from '@/lib/hosts';
import { FiringAlertNote } from '../ui/FiringAlertNote';
import { HeadroomBar } from '../ui/HeadroomBar';
import { RiskBadges } from '../ui/RiskBadges';
import { tableCard, tableHead, tableRow } from '../ui/styles';
import { GroupHeading } from './GroupHeading';
import { Sparkline } from './Sparkline';
import { StatusCell } from './StatusCell';

// Status, host, last hour, a column per dimension, full in, containers, failed, last seen.
const COLUMNS = 7 + dimensionKeys.length;
const cell = 'px-2 py-1.5';
const staleCell = 'text-slate-400 dark:text-slate-500';

function SortHeader({ q, sort, children, title, right }: { q: FleetQuery; sort: FleetSort; children: React.ReactNode; title?: string; right?: boolean }) {
  const active = q.sort === sort;
  const dir = q.dir ?? defaultDir(q.sort);
  const next = active ? (dir === 'asc' ? 'desc' : 'asc') : defaultDir(sort);
  return (
    <th scope="col" className={`${cell} ${right ? 'text-right' : ''}`} title={title} aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <Link href={fleetHref(q, { sort, dir: next })} className="inline-flex items-center gap-1 whitespace-nowrap hover:text-slate-900 dark:hover:text-white">
        {children}
        <span aria-hidden="true" className={active ? '' : 'opacity-30'}>{active && dir === 'asc' ? '▲' : '▼'}</span>
      </Link>
    </th>
  );
}

/** A silent host's figures are its last report's: said on hover, and greyed. */
function staleNote(h: HostSummary, now: Date): string | undefined {
  if (h.status !== 'silent') return undefined;
  if (!h.lastSeen) return 'Never reported';
  return `Silent: figures from its last report, ${h.lastSeen.slice(0, 16).replace('T', ' ')} UTC (${formatAgo(h.lastSeen, now)})`;
}

function HostRow({ h, trend, now, q, t }: { h: HostSummary; trend: Trend | undefined; now: Date; q: FleetQuery; t: Thresholds }) {
  const stale = staleNote(h, now);
  return (
    <tr className={tableRow} data-testid="host-row" data-stale={stale ? '' : undefined}>
      <td className={cell}>
        <StatusCell id={h.id} status={h.status} />
      </td>
      <td className={`${cell} font-medium`}>
        <Link href={`/hosts/${h.id}`} className="whitespace-nowrap text-blue-700 hover:underline dark:text-blue-300" data-testid="host-name">{h.name}</Link>
        <RiskBadges host={h} className="ml-2" />
        {h.machineChanged && <span title="Reports came from another machine id within the day: a reinstall, or two machines under this name" className="ml-2 inline-block whitespace-nowrap rounded bg-amber-200 px-1.5 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-800 dark:text-amber-100">machine id changed</span>}
        {h.labels.length > 0 && (
          <span className="ml-2 inline-flex flex-wrap gap-1 align-middle">
            {h.labels.map((l) => <Link key={l} href={fleetHref(q, { label: l })} className="rounded bg-slate-100 px-1 text-xs font-normal text-slate-600 hover:bg-slate-200 dark:bg-slate-800 dark:text-slate-300">{l}</Link>)}
          </span>
        )}
        {/* Beside the name, where there is room: why the status is worse than the figures. */}
        <FiringAlertNote host={h} />
      </td>
      <td className={`${cell} ${stale ? 'opacity-40 grayscale' : ''}`} title={stale}><Sparkline f={trend?.f ?? []} t={t} /></td>
      {dimensionKeys.map((k) => (
        <td key={k} className={cell}><HeadroomBar d={h.dimensions[k]} label={dimensionLabels[k].title} t={t} stale={stale} /></td>
      ))}
      <ExhaustionCell h={h} />
      <td className={`${cell} text-right tabular-nums ${stale ? staleCell : ''}`} title={stale ?? (h.containerRoom ? describeRoom(h.containerRoom) : undefined)}>
        {h.containersRunning ?? '—'}
        {h.containerRoom && <span className={`block text-xs ${h.containerRoom.room < 10 ? 'text-red-700 dark:text-red-300' : 'text-slate-500 dark:text-slate-400'}`} data-testid="container-room">room {h.containerRoom.room}</span>}
      </td>
      <td className={`${cell} text-right tabular-nums`}>
        {h.failuresLastHour > 0
          ? <Link href={`/hosts/${h.id}#failures`} className="font-semibold text-red-700 hover:underline dark:text-red-300" title="Failed fd or inotify calls the agent caught in the last hour">{h.failuresLastHour.toLocaleString('en-US')}</Link>
          : <span className="text-slate-400 dark:text-slate-500">—</span>}
      </td>
      <td className={`${cell} whitespace-nowrap text-slate-600 dark:text-slate-400`}>
        <time dateTime={h.lastSeen ?? undefined} title={h.lastSeen ?? undefined}>{formatAgo(h.lastSeen, now)}</time>
      </td>
    </tr>
  );
}

/** The fleet, one row a host; grouped by label, under a heading per label with its counts. */
export function FleetTable({ page, trends, now, q }: { page: FleetPage; trends: Map<string, Trend>; now: Date; q: FleetQuery }) {
  const t = page.thresholds;
  const groups = page.grouping;
  return (
    <div className={tableCard} data-testid="fleet-table">
      <table className="w-full text-sm">
        <caption className="sr-only">Hosts</caption>
        <thead className={tableHead}>
          <tr>
            <SortHeader q={q} sort="status">Status</SortHeader>
            <SortHeader q={q} sort="name">Host</SortHeader>
            <th scope="col" className={cell} title="The host's worst fraction of any limit, minute by minute, scaled to its own range">Last hour</th>
            {dimensionKeys.map((k) => <SortHeader key={k} q={q} sort={k} title={dimensionLabels[k].help}>{dimensionLabels[k].short}</SortHeader>)}
            <SortHeader q={q} sort="exhaustion" title="Until the first limit is reached at the trend fitted to its recent peaks, within 7 days">Full in</SortHeader>
            <SortHeader q={q} sort="containers" right>Containers</SortHeader>
            <SortHeader q={q} sort="failures" right title="Calls that could not create a watcher or a file in the last hour (failure capture)">Failed 1 h</SortHeader>
            <SortHeader q={q} sort="lastSeen">Last seen</SortHeader>
          </tr>
        </thead>
        <tbody>
          {page.hosts.map((h, i) => {
            const group = groups?.rowGroups[i];
            const heading = groups && (i === 0 || groups.rowGroups[i - 1] !== group)
              ? groups.groups.find((g) => g.label === (group ?? null)) : undefined;
            return (
              <Fragment key={`${group ?? ''}/${h.id}`}>
                {heading && <GroupHeading group={heading} q={q} columns={COLUMNS} />}
                <HostRow h={h} trend={trends.get(h.id)} now={now} q={q} t={t} />
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The soonest time to exhaustion; its hover says which limit and the fit behind it. */
function ExhaustionCell({ h }: { h: HostSummary }) {
  const k = firstToFill(h.exhaustion);
  return (
    <td className={`${cell} whitespace-nowrap tabular-nums`} title={k ? describeFullIn(h, k) : 'not rising: no limit on course to fill within 7 days'}>
      {h.exhaustionSeconds === null ? '—' : formatDuration(h.exhaustionSeconds)}
    </td>
  );
}
