import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { AutoRefresh } from '@/components/ui/AutoRefresh';
import { AddHostHelp } from '@/components/fleet/AddHostHelp';
import { FleetFilters } from '@/components/fleet/FleetFilters';
import { FleetTable } from '@/components/fleet/FleetTable';
import { Pager } from '@/components/fleet/Pager';
import { SummaryTiles } from '@/components/fleet/SummaryTiles';
import { lockedFor } from '@/lib/views';
import { PageSkeleton } from '@/components/ui/PageSkeleton';
import { fleetHref, fleetQuery, type FleetQuery } from '@/lib/protocol';
import { requirePageUser } from '@/lib/access';
import { db } from '@/lib/server/db/client';
import { hostTrends } from '@/lib/hosts';
import { countUnhandled } from '@/lib/alerts';
import { listLabels } from '@/lib/hosts';
import { queryFleet } from '@/lib/hosts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Fleet' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function FleetPage({ searchParams }: Props) {
  const user = await requirePageUser();
  const params = await searchParams;
  const q = fleetQuery.parse(params);
  // Set by the host page after an admin removed a host.
  const removed = typeof params.removed === 'string' ? params.removed.slice(0, 255) : null;
  return (
    <div className="space-y-6">
      <AutoRefresh seconds={15} />
      <h1 className="text-2xl font-bold">Fleet</h1>
      {removed && <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">Removed host <b>{removed}</b> and its history.</p>}
      <Suspense key={JSON.stringify(q)} fallback={<PageSkeleton />}>
        <Fleet q={q} addHostLocked={lockedFor(user.role, 'admin', 'create tokens')} />
      </Suspense>
    </div>
  );
}

async function Fleet({ q, addHostLocked }: { q: FleetQuery; addHostLocked: string | undefined }) {
  const now = new Date();
  const [page, labels, firing] = await Promise.all([queryFleet(db(), q, now), listLabels(db()), countUnhandled(db())]);
  const trends = await hostTrends(db(), [...new Set(page.hosts.map((h) => h.id))], now);
  const filtered = Boolean(q.q || q.status || q.label || q.panic);
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
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600 dark:border-slate-600 dark:text-slate-400">
          This page is past the last one ({page.total.toLocaleString('en-US')} {page.total === 1 ? 'host' : 'hosts'} in this view).{' '}
          <Link href={fleetHref(q, {})} className="text-blue-700 underline dark:text-blue-300">Back to page 1</Link>
        </p>
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600 dark:border-slate-600 dark:text-slate-400">
          {filtered ? <>No host matches. <Link href="/" className="text-blue-700 underline dark:text-blue-300">Clear the filters</Link></> : 'No host has reported yet.'}
        </p>
      )}
      {page.counts.all <= 1 && !filtered ? <AddHostHelp locked={addHostLocked} /> : (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Add a host</summary>
          <div className="mt-2"><AddHostHelp locked={addHostLocked} /></div>
        </details>
      )}
    </>
  );
}
