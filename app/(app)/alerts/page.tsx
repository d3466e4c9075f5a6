import type { Metadata } from 'next';
import { AlertFilters } from '@/components/alerts/AlertFilters';
import { AlertTable } from '@/components/alerts/AlertTable';
import { SilenceForm } from '@/components/alerts/SilenceForm';
import { SilenceList } from '@/components/alerts/SilenceList';
import { AutoRefresh } from '@/components/ui/AutoRefresh';
import { LockedNote } from '@/components/ui/FormStatus';
import { Tabs } from '@/components/ui/Tabs';
import { requirePageUser } from '@/lib/access';
import { alertsPage, type SearchParams } from '@/lib/views';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Alerts' };

export default async function AlertsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const view = await alertsPage(await requirePageUser(), await searchParams);
  return (
    <div className="space-y-6">
      <AutoRefresh seconds={15} />
      <h1 className="text-2xl font-bold">Alerts</h1>
      <Tabs label="Alert views" tabs={view.tabs} />
      <AlertFilters filter={view.filter} />
      {view.table.alerts.length > 0 && <LockedNote reason={view.table.locked} />}
      <AlertTable {...view.table} />
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Silences</h2>
        <LockedNote reason={view.silences.locked} />
        {view.silenceForm && <SilenceForm {...view.silenceForm} />}
        <SilenceList {...view.silences} />
      </section>
    </div>
  );
}
