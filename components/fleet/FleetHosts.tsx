import Link from 'next/link';
import { fleetHref } from '@/lib/protocol';
import type { FleetHostsView } from '@/lib/views';
import { AddHostHelp } from './AddHostHelp';
import { FleetFilters } from './FleetFilters';
import { FleetTable } from './FleetTable';
import { Pager } from './Pager';
import { SummaryTiles } from './SummaryTiles';
import { emptyNote } from '../ui/styles';

/** The fleet below its heading: tiles, filters, the table (or why it is empty) and how to add a host. */
export async function FleetHosts({ view }: { view: Promise<FleetHostsView> }) {
  const { q, now, page, labels, firing, trends, filtered, addHostLocked, install } = await view;
  return (
    <>
      <SummaryTiles counts={page.counts} firing={firing} q={q} />
      <FleetFilters q={q} labels={labels} />
      {page.hosts.length > 0 ? (
        <>
          <FleetTable page={page} trends={trends} now={now} q={q} />
          <Pager q={q} total={page.total} grouped={page.grouping !== null} />
        </>
      ) : page.total > 0 ? (
        // Hosts recovered or left while someone watched a later page.
        <p className={emptyNote}>
          This page is past the last one ({page.total.toLocaleString('en-US')} {page.total === 1 ? 'host' : 'hosts'} in this view).{' '}
          <Link href={fleetHref(q, {})} className="text-blue-700 underline dark:text-blue-300">Back to page 1</Link>
        </p>
      ) : (
        <p className={emptyNote}>
          {filtered ? <>No host matches. <Link href="/" className="text-blue-700 underline dark:text-blue-300">Clear the filters</Link></> : 'No host has reported yet.'}
        </p>
      )}
      {page.counts.all <= 1 && !filtered ? <AddHostHelp locked={addHostLocked} install={install} /> : (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Add a host</summary>
          <div className="mt-2"><AddHostHelp locked={addHostLocked} install={install} /></div>
        </details>
      )}
    </>
  );
}
