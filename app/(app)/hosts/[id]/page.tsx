import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AutoRefresh } from '@/components/AutoRefresh';
import { HeadroomBar } from '@/components/HeadroomBar';
import { HostAdvice } from '@/components/HostAdvice';
import { HostCharts } from '@/components/HostCharts';
import { HostFacts } from '@/components/HostFacts';
import { MachineChange } from '@/components/MachineChange';
import { HostLabels } from '@/components/HostLabels';
import { RemoveHost } from '@/components/RemoveHost';
import { ProcessTable, UidTable } from '@/components/ProcessTable';
import { StatusBadge } from '@/components/StatusBadge';
import { dimensionLabels } from '@/lib/dimensions';
import { formatDuration } from '@/lib/format';
import { dimensionKeys } from '@/lib/protocol/api';
import { adviseHost, buildkitVersions } from '@/lib/risk';
import { requirePageUser } from '@/lib/server/auth/current-user';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import { getHost } from '@/lib/server/services/get-host';
import { hostMoment, peakWithin } from '@/lib/server/services/host-moment';
import { hostSeries } from '@/lib/server/services/host-series';
import { hostAlertPeriods } from '@/lib/server/services/list-alerts';
import { hostSilences } from '@/lib/server/services/silences';
import { uidSeries } from '@/lib/server/services/uid-series';
import { rangeKeys, resolveWindow, windowParams } from '@/lib/time-range';

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

// Long ranges read rollups: say so, since a peak shorter than a bucket shows as the bucket's maximum.
const resolutionNote = {
  raw: 'Every report.',
  minute: 'Per-minute maxima.',
  hour: 'Per-hour maxima.',
} as const;

const stamp = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

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
  const windowQuery = custom ? `from=${from.getTime()}&to=${to.getTime()}` : `range=${wp.range}`;
  const s = host.summary;
  const shown = moment ?? (host.latest ? { at: new Date(host.latest.collectedAt), processes: host.latest.processes, uids: host.latest.uids } : null);
  return (
    <div className="space-y-6">
      {!custom && wp.at === undefined && <AutoRefresh seconds={30} />}
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/" className="text-sm text-blue-700 hover:underline dark:text-blue-300">← Fleet</Link>
        <h1 className="text-2xl font-bold">{s.name}</h1>
        <StatusBadge status={s.status} />
        {s.panicRisk && <span className="rounded bg-red-600 px-2 py-0.5 text-xs font-semibold text-white">watcher-panic risk</span>}
        {s.crashingBuildkit && <span className="rounded bg-purple-700 px-2 py-0.5 text-xs font-semibold text-white">BuildKit v0.20.0</span>}
      </div>
      <HostLabels hostId={id} agentLabels={host.labels.agent} labels={host.labels.admin} canEdit={me.role === 'admin'} />
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
      <div className="flex flex-wrap items-center gap-2">
        <nav aria-label="Time range" className="flex flex-wrap gap-1">
          {rangeKeys.map((k) => (
            <Link key={k} href={`?range=${k}`} aria-current={!custom && k === wp.range ? 'page' : undefined}
              className={`rounded px-2.5 py-1 text-sm ${!custom && k === wp.range ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'bg-white text-slate-700 hover:bg-slate-100 dark:bg-slate-800 dark:text-slate-200'}`}>
              {k}
            </Link>
          ))}
        </nav>
        <form className="flex items-center gap-1 text-sm" aria-label="Custom range">
          <label className="sr-only" htmlFor="from">From</label>
          <input id="from" type="datetime-local" name="from" className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-800"
            defaultValue={from.toISOString().slice(0, 16)} />
          <span aria-hidden="true">–</span>
          <label className="sr-only" htmlFor="to">To</label>
          <input id="to" type="datetime-local" name="to" className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-800"
            defaultValue={to.toISOString().slice(0, 16)} />
          <button className="rounded bg-slate-200 px-2 py-1 dark:bg-slate-700">Show (UTC)</button>
        </form>
        {custom && <span className="text-sm text-slate-600 dark:text-slate-400">{stamp(from)} – {stamp(to)} · <Link href="?range=1h" className="text-blue-700 underline dark:text-blue-300">back to live</Link></span>}
        <a href={`/hosts/${id}/export?${windowQuery}`} className="ml-auto rounded bg-slate-200 px-2.5 py-1 text-sm dark:bg-slate-700" download>Export CSV</a>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {resolutionNote[series.resolution]} Times are UTC. Click a chart to see the processes at that moment; drag across one to zoom in.
        </p>
        <form className="flex items-center gap-1 text-sm" aria-label="Processes at a moment">
          {custom ? <><input type="hidden" name="from" value={from.getTime()} /><input type="hidden" name="to" value={to.getTime()} /></> : <input type="hidden" name="range" value={wp.range} />}
          <label htmlFor="at" className="text-xs text-slate-500 dark:text-slate-400">Processes at (UTC)</label>
          <input id="at" type="datetime-local" step={1} name="at" defaultValue={(shown?.at ?? now).toISOString().slice(0, 19)}
            className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-800" />
          <button className="rounded bg-slate-200 px-2 py-1 dark:bg-slate-700">Show</button>
        </form>
      </div>
      <HostCharts series={series} alerts={alerts} silences={silenced} uids={uids} range={range}
        gapMs={host.thresholds.silentAfterIntervals * host.facts.intervalSeconds * 1000} selectedAt={shown && wp.at !== undefined ? shown.at.getTime() : undefined} />
      {shown && (
        <>
          <h2 className="text-lg font-semibold">
            {moment ? <>At {stamp(shown.at)} <Link href={`?${windowQuery}`} className="ml-2 text-sm font-normal text-blue-700 underline dark:text-blue-300">latest</Link>
              {peakAt && wp.peak && (
                <span className="ml-2 text-sm font-normal text-slate-500 dark:text-slate-400">the highest {dimensionLabels[wp.peak].title.toLowerCase()} in the clicked stretch</span>
              )}
              {wp.at !== undefined && shown.at.getTime() > wp.at && (
                // hostMoment falls back to the first record after the moment (older ones are past retention).
                <span className="ml-2 text-sm font-normal text-amber-700 dark:text-amber-300">nothing recorded at or before {stamp(new Date(wp.at))}: the first record after it</span>
              )}</>
              : <>Latest report <span className="ml-1 text-sm font-normal text-slate-500 dark:text-slate-400">{stamp(shown.at)}</span></>}
          </h2>
          <UidTable uids={shown.uids} limit={{ instances: host.latest?.inotify.maxUserInstances ?? 0, watches: host.latest?.inotify.maxUserWatches ?? 0 }} />
          <ProcessTable processes={shown.processes} />
        </>
      )}
      <HostAdvice advice={advice} />
      <HostFacts facts={host.facts} latest={host.latest} />
      {me.role === 'admin' && <RemoveHost hostId={id} name={s.name} />}
    </div>
  );
}
