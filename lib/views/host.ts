import 'server-only';
import { hostAlertPeriods, hostSilences } from '../alerts';
import { userNames } from '../access';
import { adviceFor, getHost, hostExists, hostOwnership } from '../hosts';
import { containerSeries, hostFailures, hostMoment, hostSeries, peakWithin, uidSeries } from '../history';
import { hostQuery, resolveWindow, windowParams, type ByContainer, type DimensionKey, type ProcessInfo, type UidUsage } from '../protocol';
import { redactCommand } from '../format';
import { captureState, failedCall } from '../risk';
import { db } from '../server/db/client';
import { AppError } from '../server/errors';
import { lockedFor, type SearchParams, type Viewer } from './viewer';
import type { Db } from '../server/db/client';
import { pageDb } from './read';

type Host = Awaited<ReturnType<typeof getHost>>;

/** A stretch of an alert on the charts (ms); host-wide alerts shade every chart. */
export interface AlertPeriod { dimension: string; severity: string; from: number; to: number }

/** The processes and per-user counts the tables show: the latest report's, or those nearest a moment. */
export interface Shown { at: Date; uidsAt: Date | null; processesAt: Date | null; uids: UidUsage[]; processes: ProcessInfo[]; containers: ByContainer | null }

/** Whether the host exists: its layout answers 404 with it before the page streams. */
export const hostFound = (id: string): Promise<boolean> => hostExists(db(), id);

/** The host page: what each of its parts shows, for the time range and moment in the URL. Null for no such host. */
export async function hostPage(viewer: Viewer, id: string, search: SearchParams, now = new Date()) {
  const wp = windowParams.parse(search);
  const rdb = await pageDb();
  const host = await findHost(rdb, id, now);
  if (!host) return null;
  const { from, to, custom } = resolveWindow(wp, now);
  const interval = host.facts.intervalSeconds;
  const [series, periods, silences, uids, ownership, failures, names, containers] = await Promise.all([
    hostSeries(rdb, id, from, to, interval, now),
    hostAlertPeriods(rdb, id, from, to),
    hostSilences(rdb, id, host.labels.silence, from, to),
    uidSeries(rdb, id, from, to, interval),
    // Token names are for admins, as the tokens page is.
    viewer.role === 'admin' ? hostOwnership(rdb, id) : null,
    hostFailures(rdb, id, from, to),
    userNames(rdb, id),
    containerSeries(rdb, id, from, to, interval),
  ]);
  // A click on a chart: the report that peaked in the clicked bucket, not the bucket's edge.
  const peakAt = wp.at !== undefined && wp.peak ? await peakWithin(rdb, id, wp.peak, new Date(wp.at - series.bucketMs + 1000), new Date(wp.at)) : null;
  const moment = wp.at !== undefined ? await hostMoment(rdb, id, peakAt ?? new Date(wp.at)) : null;
  const s = host.summary;
  const latestAt = host.latest ? new Date(host.latest.collectedAt) : null;
  const found: Shown | null = moment ?? (host.latest && latestAt
    ? { at: latestAt, uidsAt: latestAt, processesAt: latestAt, processes: host.latest.processes, uids: host.latest.uids, containers: host.latest.byContainer ?? null } : null);
  // Command lines can hold secrets: whole for admins, masked for everyone else.
  const shown = found && viewer.role !== 'admin'
    ? { ...found, processes: found.processes.map((p) => ({ ...p, command: redactCommand(p.command) })) } : found;
  const span = custom ? { from: from.getTime(), to: to.getTime() } : { range: wp.range };
  const asked: { at: number; peak?: DimensionKey; peakFound: boolean; latestHref: string } | null =
    wp.at === undefined ? null : { at: wp.at, peak: wp.peak, peakFound: peakAt !== null, latestHref: hostQuery(span, wp.y) };
  return {
    id, now,
    summary: s,
    /** Live views refresh themselves; a chosen range or moment stays put. */
    live: !custom && wp.at === undefined,
    headroom: { summary: s, thresholds: host.thresholds, summaryAt: host.summaryAt },
    labels: { hostId: id, agentLabels: host.labels.agent, agentTrusted: host.labels.agentTrusted, labels: host.labels.admin, locked: lockedFor(viewer.role, 'host.labels', 'change labels') },
    machineChange: host.machineChange ? { change: host.machineChange, name: s.name, now } : null,
    range: { hostId: id, wp, from, to, custom, resolution: series.resolution, shownAt: shown?.at ?? now },
    charts: {
      series, uids, containers,
      alerts: periods.map((a): AlertPeriod => ({ dimension: a.dimension, severity: a.severity, from: (a.firedAt ?? a.startedAt).getTime(), to: (a.resolvedAt ?? now).getTime() })),
      silences: silences.map((x) => ({ from: x.startsAt.getTime(), to: Math.min(x.endsAt.getTime(), now.getTime()) })),
      range: { from: from.getTime(), to: to.getTime() },
      fit: wp.y === 'fit',
      gapMs: host.thresholds.silentAfterIntervals * interval * 1000,
      selectedAt: shown && wp.at !== undefined ? shown.at.getTime() : undefined,
      failures: failures.events.map((e) => ({ at: e.at, dimension: e.dimension, label: `${e.program}: ${failedCall(e)}` })),
    },
    failures: {
      ...failures, range: { from, to },
      // What the newest report says of capture: off, and why, is said where the failures would be.
      capture: captureState(host.latest?.failures),
      users: Object.fromEntries([...names].filter(([, n]) => n !== null)) as Record<number, string>,
    },
    moment: shown ? {
      shown, asked, summaryAt: host.summaryAt,
      limit: { instances: host.latest?.inotify.maxUserInstances ?? 0, watches: host.latest?.inotify.maxUserWatches ?? 0 },
    } : null,
    advice: adviceFor(host.latest, series.points),
    facts: { facts: host.facts, latest: host.latest },
    owner: ownership && {
      hostId: id, name: s.name, choices: ownership.choices.map((t) => ({ id: t.id, label: `${t.name} (${t.prefix}…)` })),
      owner: ownership.owner && { label: `${ownership.owner.name} (${ownership.owner.prefix}…)`, revoked: ownership.owner.revokedAt !== null },
    },
    remove: { hostId: id, name: s.name, locked: lockedFor(viewer.role, 'host.delete', 'remove hosts') },
  };
}

export type HostView = NonNullable<Awaited<ReturnType<typeof hostPage>>>;

async function findHost(client: Db, id: string, now: Date): Promise<Host | null> {
  try {
    return await getHost(client, id, now);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return null;
    throw err;
  }
}

