import 'server-only';
import { hostSeries, uidSeries } from '../history';
import type { HostDetail, HostSeriesAnswer } from '../protocol';
import type { Db } from '../server/db/client';
import { AppError, assertId } from '../server/errors';
import { getHost } from './get-host';
import { adviceFor } from './host-advice';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** The advice of the API weighs the peaks of this last stretch (the host page: the range shown). */
const ADVICE_WINDOW_MS = 3600_000;

/** GET /api/v1/hosts/:id: the host as its page shows it. */
export async function hostDetailAnswer(db: Db, id: string, now = new Date()): Promise<HostDetail> {
  const h = await getHost(db, id, now);
  const r = h.latest;
  const recent = await hostSeries(db, id, new Date(now.getTime() - ADVICE_WINDOW_MS), now, h.facts.intervalSeconds, now);
  return {
    host: h.summary,
    facts: { ...h.facts, bootTime: iso(h.facts.bootTime), createdAt: h.facts.createdAt.toISOString() },
    labels: { agent: h.labels.agent, admin: h.labels.admin },
    limits: r && {
      inotifyInstances: { value: r.inotify.maxUserInstances, source: r.inotify.instancesSource },
      inotifyWatches: { value: r.inotify.maxUserWatches, source: r.inotify.watchesSource },
      fileMax: r.fds.max, nrOpen: r.fds.nrOpen,
      daemons: r.daemons.map(({ name, pid, fds, fdLimit }) => ({ name, pid, fds, fdLimit })),
    },
    latest: r && { collectedAt: r.collectedAt, uids: r.uids, processes: r.processes, daemons: r.daemons, containers: r.containers, byContainer: r.byContainer ?? null },
    advice: adviceFor(r, recent.points),
    flags: {
      panicRisk: h.summary.panicRisk, crashingBuildkit: h.summary.crashingBuildkit,
      machineChange: h.machineChange && { at: h.machineChange.at.toISOString(), from: h.machineChange.from, to: h.machineChange.to },
    },
    summaryAt: iso(h.summaryAt),
  };
}

/** GET /api/v1/hosts/:id/series: what the host page's charts draw for [from, to]. */
export async function hostSeriesAnswer(db: Db, id: string, from: Date, to: Date, now = new Date()): Promise<HostSeriesAnswer> {
  assertId(id, 'host');
  const host = await db.host.findUnique({ where: { id }, select: { intervalSeconds: true } });
  if (!host) throw new AppError('not_found', 'no such host');
  const [series, uids] = await Promise.all([hostSeries(db, id, from, to, host.intervalSeconds, now), uidSeries(db, id, from, to, host.intervalSeconds)]);
  return { from: from.getTime(), to: to.getTime(), ...series, uids };
}
