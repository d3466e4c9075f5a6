import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AddHostHelp } from '@/components/AddHostHelp';
import { AutoRefresh } from '@/components/AutoRefresh';
import { FleetTable } from '@/components/FleetTable';
import { PageSkeleton } from '@/components/PageSkeleton';
import { SummaryTiles } from '@/components/SummaryTiles';
import { db } from '@/lib/server/db/client';
import { listHosts } from '@/lib/server/services/list-hosts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Fleet' };

export default function FleetPage() {
  return (
    <div className="space-y-6">
      <AutoRefresh seconds={15} />
      <h1 className="text-2xl font-bold">Fleet</h1>
      <Suspense fallback={<PageSkeleton />}>
        <Fleet />
      </Suspense>
    </div>
  );
}

async function Fleet() {
  const now = new Date();
  const hosts = await listHosts(db(), now);
  return (
    <>
      <SummaryTiles hosts={hosts} />
      {hosts.length > 0 ? <FleetTable hosts={hosts} now={now} /> : <p className="text-slate-600">No host has reported yet.</p>}
      {hosts.length <= 1 && <AddHostHelp />}
    </>
  );
}
