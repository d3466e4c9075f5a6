import type { Metadata } from 'next';
import { Suspense } from 'react';
import { FleetHosts } from '@/components/fleet/FleetHosts';
import { AutoRefresh } from '@/components/ui/AutoRefresh';
import { PageSkeleton } from '@/components/ui/PageSkeleton';
import { requirePageUser } from '@/lib/access';
import { fleetPage, type SearchParams } from '@/lib/views';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Fleet' };

export default async function FleetPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const view = fleetPage(await requirePageUser(), await searchParams);
  return (
    <div className="space-y-6">
      <AutoRefresh seconds={15} />
      <h1 className="text-2xl font-bold">Fleet</h1>
      {view.removed && <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">Removed host <b>{view.removed}</b> and its history.</p>}
      <Suspense key={JSON.stringify(view.q)} fallback={<PageSkeleton />}>
        <FleetHosts view={view.hosts} />
      </Suspense>
    </div>
  );
}
