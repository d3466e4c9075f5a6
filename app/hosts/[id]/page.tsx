import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AutoRefresh } from '@/components/AutoRefresh';
import { HeadroomBar } from '@/components/HeadroomBar';
import { HostCharts } from '@/components/HostCharts';
import { HostFacts } from '@/components/HostFacts';
import { HostLabels } from '@/components/HostLabels';
import { ProcessTable, UidTable } from '@/components/ProcessTable';
import { StatusBadge } from '@/components/StatusBadge';
import { dimensionLabels } from '@/lib/dimensions';
import { formatDuration } from '@/lib/format';
import { dimensionKeys } from '@/lib/protocol/api';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import { getHost } from '@/lib/server/services/get-host';
import { hostSeries } from '@/lib/server/services/host-series';
import { hostAlertPeriods } from '@/lib/server/services/list-alerts';
import { hostSilences } from '@/lib/server/services/silences';
import { rangeKeys, rangeParam, rangeWindow } from '@/lib/time-range';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Host' };

interface Props { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }

async function load(id: string) {
  try {
    return await getHost(db(), id);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  }
}

export default async function HostPage({ params, searchParams }: Props) {
  const { id } = await params;
  const range = rangeParam.parse((await searchParams).range);
  const now = new Date();
  const host = await load(id);
  const { from, to } = rangeWindow(range, now);
  const [points, periods, silences] = await Promise.all([
    hostSeries(db(), id, from, to, host.facts.intervalSeconds),
    hostAlertPeriods(db(), id, from, to),
    hostSilences(db(), id, host.summary.labels, from, to),
  ]);
  const alerts = periods.map((a) => ({ dimension: a.dimension, severity: a.severity, from: (a.firedAt ?? a.startedAt).getTime(), to: (a.resolvedAt ?? now).getTime() }));
  const silenced = silences.map((x) => ({ from: x.startsAt.getTime(), to: Math.min(x.endsAt.getTime(), now.getTime()) }));
  const s = host.summary;
  return (
    <div className="space-y-6">
      <AutoRefresh seconds={30} />
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/" className="text-sm text-blue-700 hover:underline dark:text-blue-300">← Fleet</Link>
        <h1 className="text-2xl font-bold">{s.name}</h1>
        <StatusBadge status={s.status} />
        {s.panicRisk && <span className="rounded bg-red-600 px-2 py-0.5 text-xs font-semibold text-white">watcher-panic risk</span>}
      </div>
      <HostLabels hostId={id} agentLabels={host.labels.agent} labels={host.labels.admin} />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {dimensionKeys.map((k) => (
          <div key={k} className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-900">
            <div className="mb-1 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">{dimensionLabels[k].title}</div>
            <HeadroomBar d={s.dimensions[k]} label={dimensionLabels[k].title} />
            <div className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              {s.exhaustion[k] === null ? 'not rising' : <>full in <b className="tabular-nums">{formatDuration(s.exhaustion[k])}</b> at the recent trend</>}
            </div>
          </div>
        ))}
      </div>
      <nav aria-label="Time range" className="flex flex-wrap gap-1">
        {rangeKeys.map((k) => (
          <Link key={k} href={`?range=${k}`} aria-current={k === range ? 'page' : undefined}
            className={`rounded px-2.5 py-1 text-sm ${k === range ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'bg-white text-slate-700 hover:bg-slate-100 dark:bg-slate-800 dark:text-slate-200'}`}>
            {k}
          </Link>
        ))}
      </nav>
      <HostCharts points={points} alerts={alerts} silences={silenced} />
      <HostFacts facts={host.facts} latest={host.latest} />
      {host.latest && (
        <>
          <UidTable uids={host.latest.uids} limit={{ instances: host.latest.inotify.maxUserInstances, watches: host.latest.inotify.maxUserWatches }} />
          <ProcessTable processes={host.latest.processes} />
        </>
      )}
    </div>
  );
}
