import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { HostAdvice } from '@/components/host/HostAdvice';
import { HostCharts } from '@/components/host/HostCharts';
import { HostFacts } from '@/components/host/HostFacts';
import { HostFailures } from '@/components/host/HostFailures';
import { HostHeader } from '@/components/host/HostHeader';
import { HostHeadroom } from '@/components/host/HostHeadroom';
import { HostLabels } from '@/components/host/HostLabels';
import { HostMoment } from '@/components/host/HostMoment';
import { HostRange } from '@/components/host/HostRange';
import { MachineChange } from '@/components/host/MachineChange';
import { RemoveHost } from '@/components/host/RemoveHost';
import { HostToken } from '@/components/host/HostToken';
import { AutoRefresh } from '@/components/ui/AutoRefresh';
import { requirePageUser } from '@/lib/access';
import { hostPage, type SearchParams } from '@/lib/views';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Host' };

interface Props { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }

export default async function HostPage({ params, searchParams }: Props) {
  const view = await hostPage(await requirePageUser(), (await params).id, await searchParams);
  if (!view) notFound();
  return (
    <div className="space-y-6">
      {view.live && <AutoRefresh seconds={30} />}
      <HostHeader summary={view.summary} />
      <HostLabels {...view.labels} />
      {view.machineChange && <MachineChange {...view.machineChange} />}
      <HostHeadroom {...view.headroom} />
      <HostRange {...view.range} />
      <HostCharts {...view.charts} />
      <HostFailures {...view.failures} />
      {view.moment && <HostMoment {...view.moment} />}
      <HostAdvice advice={view.advice} />
      <HostFacts {...view.facts} />
      {view.owner && <HostToken {...view.owner} />}
      <RemoveHost {...view.remove} />
    </div>
  );
}
