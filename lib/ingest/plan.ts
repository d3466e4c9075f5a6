// The second half of a batch's plan, pure: given the reports the database
// took as new and the hosts' locked states, what the batch changes: each
// host's state (trends, machine id), the samples and full reports due, and
// the rollup minutes late reports merge into. write-batch.ts runs it.
import type { IngestAccepted } from '../protocol';
import { dimensionKeys, type DimensionKey } from '../protocol';
import { addRoomPoint, advanceTrend, containerRoom, sameBoot, type ContainerRoom, type RoomPoint, type TrendPeaks } from '../risk';
import { dimensionSpec } from '../dimensions';
import { passedByRollups } from '../history';
import { AppError } from '../server/errors';
import type { Settled } from './group-commit';
import { reportDue, type StoredReport } from './latest-report';
import { lateMachine, nextMachine, type MachineSeen } from './machine-id';
import type { HostsPlan } from './plan-hosts';
import { ageNow, type Prepared } from './prepare';
import { decideSamples, type SampleState } from './samples';

/** A host's current state as host_state holds it; times in epoch ms, per-dimension figures by dimension. */
export interface HostState extends SampleState, StoredReport, MachineSeen {
  at: number;
  used: Record<DimensionKey, number>;
  slope: Record<DimensionKey, number>;
  /** Whose count each slope follows; null before it was recorded (kept as the same series). */
  series: Record<DimensionKey, string> | null;
  /** The peaks each slope is fitted to, and the boot they were seen in; null before they were kept. */
  trend: Trend | null;
  /** Room for more containers, from `trend.room`; null on a host without containers. */
  containerRoom: ContainerRoom | null;
}

export interface Trend { boot: string | null; peaks: Record<DimensionKey, TrendPeaks>; room?: RoomPoint[] }

/** What the writer learned after writing the hosts and report rows. */
export interface BatchRead {
  /** Host ids by name: the cache's and those the host upsert returned. */
  ids: ReadonlyMap<string, string>;
  /** `hostId|at` of the report rows the insert stored: the others were there already. */
  inserted: ReadonlySet<string>;
  /** The states of the hosts with new reports, locked until commit. */
  states: ReadonlyMap<string, HostState>;
  /** Where the rollup job has got to (epoch ms), null before its first run. */
  rollupUntil: number | null;
}

export interface Row { hostId: string; p: Prepared }

export interface BatchPlan {
  uidSamples: Row[];
  processSamples: Row[];
  /** New reports that carry failed calls (or lost trace events): each is kept, late ones too. */
  failures: Row[];
  /** Each host's new state, from its newest new report. */
  states: (Row & { s: HostState })[];
  /** Machine changes seen only in late reports, for hosts whose state is not rewritten. */
  machineChanges: { hostId: string; previousMachineId: string | null; changedAt: number }[];
  /** Full reports that replace their host's latest. */
  documents: Row[];
  /** Reports the rollup job may already have passed: they merge into their minute and hour themselves. */
  rollupMerges: { hostId: string; at: number }[];
  /** One answer per report of the batch, in order. */
  answers: Settled<IngestAccepted>[];
}

export const reportKey = (hostId: string, at: number) => `${hostId}|${at}`;
/** The hosts of these report keys, in id order: concurrent batches lock the states they share in one order. */
export const hostsOf = (keys: ReadonlySet<string>) => [...new Set([...keys].map((k) => k.slice(0, k.indexOf('|'))))].sort();
const NO_SAMPLES: SampleState = { uidsKey: null, uidsAt: null, processesKey: null, processesAt: null };
const NO_MACHINE: MachineSeen = { machineId: null, previousMachineId: null, machineIdChangedAt: null };

/**
 * `mono` is performance.now() when the batch is decided: a report's age then
 * (arrival, queue and lock waits included) says whether it is late.
 */
export function planBatch(hosts: HostsPlan, read: BatchRead, mono: number): BatchPlan {
  const plan: BatchPlan = { uidSamples: [], processSamples: [], failures: [], states: [], machineChanges: [], documents: [], rollupMerges: [], answers: [] };
  const byHost = new Map<string, Prepared[]>();
  for (const p of hosts.reports) {
    const hostId = read.ids.get(p.r.host.name)!;
    if (!read.inserted.has(reportKey(hostId, p.at))) continue;
    const list = byHost.get(hostId);
    if (list) list.push(p); else byHost.set(hostId, [p]);
    if (passedByRollups({ at: p.at, ageMs: ageNow(p, mono) }, read.rollupUntil)) plan.rollupMerges.push({ hostId, at: p.at });
  }
  for (const [hostId, list] of byHost) planHost(plan, hostId, list, read.states.get(hostId) ?? null);
  plan.answers = hosts.items.map((p, i): Settled<IngestAccepted> => {
    const why = hosts.foreign.get(i) ?? hosts.refused.get(p.r.host.name);
    if (why !== undefined) return { ok: false, error: new AppError('forbidden', why) };
    const hostId = read.ids.get(p.r.host.name)!;
    const duplicate = hosts.firstOf.get(`${p.r.host.name}|${p.at}`) !== i || !read.inserted.has(reportKey(hostId, p.at));
    return { ok: true, value: { reportId: p.r.reportId, hostId, duplicate } };
  });
  return plan;
}

/** One host's new reports, in collection order: only those after its state move it on. */
function planHost(plan: BatchPlan, hostId: string, list: Prepared[], before: HostState | null): void {
  list.sort((a, b) => a.at - b.at);
  let s = before;
  let newest: Prepared | null = null;
  let sampled = false;
  let lateChange = false;
  for (const p of list) {
    // The state moves by collection time, but never past the server's clock: a report
    // dated ahead would otherwise make every real report after it late, freezing the host.
    const at = Math.min(p.at, p.receivedAt.getTime());
    const isLate = s !== null && at < s.at;
    const d = decideSamples(s ?? NO_SAMPLES, p.at, isLate, { uids: p.uidsKey, processes: p.processesKey });
    if (d.uids) plan.uidSamples.push({ hostId, p });
    if (d.processes) plan.processSamples.push({ hostId, p });
    const f = p.r.failures;
    if (f && (f.total > 0 || f.dropped > 0)) plan.failures.push({ hostId, p });
    if (isLate) {
      const seen = lateMachine(s!, p.r.host.machineId, p.receivedAt.getTime());
      if (seen) { s = { ...s!, ...seen }; lateChange = true; }
      continue;
    }
    sampled ||= d.uids || d.processes;
    const slope = {} as Record<DimensionKey, number>;
    const used = {} as Record<DimensionKey, number>;
    const boot = p.r.host.bootTime;
    const peaks = {} as Record<DimensionKey, TrendPeaks>;
    for (const k of dimensionKeys) {
      used[k] = p.a.dimensions[k].used;
      const prev = s ? { boot: s.trend?.boot ?? null, series: s.series?.[k] ?? null, peaks: s.trend?.peaks[k] ?? [], slope: s.slope[k] } : null;
      const step = advanceTrend(prev, { at, used: used[k], boot, series: p.a.series[k] }, dimensionSpec[k].forecastWindowMs);
      peaks[k] = step.peaks;
      slope[k] = step.slope;
    }
    const room = roomStep(s, p, at);
    s = {
      at, used, slope, series: p.a.series, trend: { boot: boot ?? s?.trend?.boot ?? null, peaks, room: room.points }, containerRoom: room.room,
      reportAt: s?.reportAt ?? null, reportKey: s?.reportKey ?? null, panicRisk: p.a.panicRisk, crashingBuildkit: p.a.crashingBuildkit,
      uidsKey: d.uids ? p.uidsKey : s?.uidsKey ?? null, uidsAt: d.uids ? p.at : s?.uidsAt ?? null,
      processesKey: d.processes ? p.processesKey : s?.processesKey ?? null, processesAt: d.processes ? p.at : s?.processesAt ?? null,
      ...nextMachine(s ?? NO_MACHINE, p.r.host.machineId, p.receivedAt.getTime()),
    };
    newest = p;
  }
  if (newest && s) {
    if (reportDue(before, { at: newest.at, key: newest.factsKey, panicRisk: s.panicRisk, crashingBuildkit: s.crashingBuildkit, sampled })) {
      plan.documents.push({ hostId, p: newest });
      s = { ...s, reportAt: newest.at, reportKey: newest.factsKey };
    }
    plan.states.push({ hostId, p: newest, s });
  } else if (lateChange && s) {
    plan.machineChanges.push({ hostId, previousMachineId: s.previousMachineId, changedAt: s.machineIdChangedAt! });
  }
}

/** The containers' cost to the UID that runs their daemons (containerd's or dockerd's, else root), one report on. */
function roomStep(s: HostState | null, p: Prepared, at: number): { points: RoomPoint[]; room: ContainerRoom | null } {
  const r = p.r;
  const uid = r.daemons.find((d) => d.name !== 'buildkitd')?.euid ?? 0;
  const u = r.uids.find((x) => x.uid === uid);
  const reading = { at, containers: r.containers.running, instances: u?.instances ?? 0, watches: u?.watches ?? 0, instanceLimit: r.inotify.maxUserInstances, watchLimit: r.inotify.maxUserWatches };
  const points = reading.containers > 0 ? addRoomPoint(sameBoot(s?.trend?.boot, r.host.bootTime) ? s?.trend?.room ?? [] : [], reading) : [];
  return { points, room: containerRoom(points, reading) };
}
