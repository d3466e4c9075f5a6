import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AutoRefresh } from '@/components/ui/AutoRefresh';
import { FiringAlertNote } from '@/components/ui/FiringAlertNote';
import { HeadroomBar } from '@/components/ui/HeadroomBar';
import { HostAdvice } from '@/components/host/HostAdvice';
import { HostCharts } from '@/components/host/HostCharts';
import { HostFacts } from '@/components/host/HostFacts';
import { MachineChange } from '@/components/host/MachineChange';
import { HostLabels } from '@/components/host/HostLabels';
import { HostMoment, stamp } from '@/components/host/HostMoment';
import { HostRange } from '@/components/host/HostRange';
import { lockedFor } from '@/components/locked';
import { RemoveHost } from '@/components/host/RemoveHost';
import { StatusBadge } from '@/components/ui/StatusBadge';
import { dimensionLabels } from '@/lib/dimensions';
import { formatDuration } from '@/lib/format';
import { dimensionKeys } from '@/lib/protocol';
import { adviseHost, buildkitVersions } from '@/lib/risk';
import { requirePageUser } from '@/lib/access';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import { getHost } from '@/lib/hosts';
import { hostMoment, peakWithin } from '@/lib/history';
import { hostSeries } from '@/lib/history';
import { hostAlertPeriods } from '@/lib/alerts';
import { hostSilences } from '@/lib/alerts';
import { uidSeries } from '@/lib/history';
import { hostQuery, resolveWindow, windowParams } from '@/lib/protocol';

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
  const wp = windowParams.parse(await searchParams);
  const now = new Date();
  const [host, me] = await Promise.all([load(id), requirePageUser()]);
  const { from, to, custom } = resolveWindow(wp, now);
  const [series, periods, silences, uids] = await Promise.all([
    hostSeries(db(), id, from, to, host.facts.intervalSeconds, now),
    hostAlertPeriods(db(), id, from, to),
    hostSilences(db(), id, host.summary.labels, from, to),
    uidSeries(db(), id, from, to, host.facts.intervalSeconds),
  ]);
  // A click on a chart: the report that peaked in the clicked bucket, not the bucket's edge.
  const peakAt = wp.at !== undefined && wp.peak ? await peakWithin(db(), id, wp.peak, new Date(wp.at - series.bucketMs + 1000), new Date(wp.at)) : null;
  const moment = wp.at !== undefined ? await hostMoment(db(), id, peakAt ?? new Date(wp.at)) : null;
  const points = series.points;
  const range = { from: from.getTime(), to: to.getTime() };
  const alerts = periods.map((a) => ({ dimension: a.dimension, severity: a.severity, from: (a.firedAt ?? a.startedAt).getTime(), to: (a.resolvedAt ?? now).getTime() }));
  const silenced = silences.map((x) => ({ from: x.startsAt.getTime(), to: Math.min(x.endsAt.getTime(), now.getTime()) }));
  const peak = (k: 'inotifyInstancesUsed' | 'inotifyWatchesUsed' | 'systemFdsUsed') => Math.max(0, ...points.map((p) => p[k]));
  // The worst process's peak is the point nearest its own limit, with that limit.
  const fdPeak = points.reduce<{ used: number; limit: number } | null>((best, p) =>
    p.processFdsLimit > 0 && (!best || p.processFdsUsed / p.processFdsLimit > best.used / best.limit) ? { used: p.processFdsUsed, limit: p.processFdsLimit } : best, null);
  const advice = host.latest ? adviseHost(host.latest, {
    inotifyInstances: peak('inotifyInstancesUsed'), inotifyWatches: peak('inotifyWatchesUsed'), systemFds: peak('systemFdsUsed'),
    processFds: fdPeak?.used ?? 0, processFdsLimit: fdPeak?.limit ?? 0,
  }, buildkitVersions(host.latest)) : [];
  const span = custom ? { from: from.getTime(), to: to.getTime() } : { range: wp.range };
  const s = host.summary;
  const latestAt = host.latest ? new Date(host.latest.collectedAt) : null;
  const shown = moment ?? (host.latest && latestAt ? { at: latestAt, uidsAt: latestAt, processesAt: latestAt, processes: host.latest.processes, uids: host.latest.uids } : null);
  return (
    <div className="space-y-6">
      {!custom && wp.at === undefined && <AutoRefresh seconds={30} />}
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/" className="text-sm text-blue-700 hover:underline dark:text-blue-300">← Fleet</Link>
        <h1 className="text-2xl font-bold">{s.name}</h1>
        <StatusBadge status={s.status} />
        <FiringAlertNote host={s} />
        {s.panicRisk && <span className="rounded bg-red-600 px-2 py-0.5 text-xs font-semibold text-white">watcher-panic risk</span>}
        {s.crashingBuildkit && <span className="rounded bg-purple-700 px-2 py-0.5 text-xs font-semibold text-white">BuildKit v0.20.0</span>}
      </div>
      <HostLabels hostId={id} agentLabels={host.labels.agent} labels={host.labels.admin} locked={lockedFor(me.role, 'admin', 'change labels')} />
      {host.machineChange && <MachineChange change={host.machineChange} name={s.name} now={now} />}
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {dimensionKeys.map((k) => (
          <div key={k} className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-900">
            <div className="mb-1 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">{dimensionLabels[k].title}</div>
            <HeadroomBar d={s.dimensions[k]} label={dimensionLabels[k].title} t={host.thresholds} />
            <div className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              {s.status === 'silent' ? 'trend unknown: no recent reports' : s.exhaustion[k] === null ? 'not rising' : <>full in <b className="tabular-nums">{formatDuration(s.exhaustion[k])}</b> at the recent trend</>}
            </div>
          </div>
        ))}
      </div>
      {host.summaryAt && (
        <p className="-mt-3 text-xs text-slate-500 dark:text-slate-400" data-testid="summary-at">Figures above: from the report of {stamp(host.summaryAt)}.</p>
      )}
      <HostRange hostId={id} wp={wp} from={from} to={to} custom={custom} resolution={series.resolution} shownAt={shown?.at ?? now} />
      <HostCharts series={series} alerts={alerts} silences={silenced} uids={uids} range={range} fit={wp.y === 'fit'}
        gapMs={host.thresholds.silentAfterIntervals * host.facts.intervalSeconds * 1000} selectedAt={shown && wp.at !== undefined ? shown.at.getTime() : undefined} />
      {shown && (
        <HostMoment shown={shown} summaryAt={host.summaryAt}
          asked={wp.at === undefined ? null : { at: wp.at, peak: wp.peak, peakFound: peakAt !== null, latestHref: hostQuery(span, wp.y) }}
          limit={{ instances: host.latest?.inotify.maxUserInstances ?? 0, watches: host.latest?.inotify.maxUserWatches ?? 0 }} />
      )}
      <HostAdvice advice={advice} />
      <HostFacts facts={host.facts} latest={host.latest} />
      <RemoveHost hostId={id} name={s.name} locked={lockedFor(me.role, 'admin', 'remove hosts')} />
    </div>
  );
}
