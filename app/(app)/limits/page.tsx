import type { Metadata } from 'next';
import { HostRaises } from '@/components/limits/HostRaises';
import { LimitGroups } from '@/components/limits/LimitGroups';
import { requirePageUser } from '@/lib/access';
import { limitsPage } from '@/lib/views';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Limits' };

export default async function LimitsPage() {
  await requirePageUser();
  const v = await limitsPage();
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Limits across the fleet</h1>
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Each host&apos;s kernel and daemon limits from its latest report ({v.hosts} hosts), grouped by value. A limit that a
        host&apos;s own peak of the last {v.peakDays} days took past half is listed below with the value that leaves its peak at a
        quarter, and the sysctl.d file or systemd drop-in that sets it.
      </p>
      <LimitGroups settings={v.settings} />
      <h2 className="text-lg font-semibold">Hosts to raise</h2>
      <HostRaises raises={v.raises} peakDays={v.peakDays} />
    </div>
  );
}
