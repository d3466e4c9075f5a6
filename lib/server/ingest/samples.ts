// Which reports also write their per-user counts and top processes. Storing
// them with every report would cost ten times the report itself; storing them
// when they change keeps the history exact (per-user counts) or close enough
// to name the culprit (processes), for a fraction of the bytes.
import type { ProcessInfo, UidUsage } from '../../protocol/report';

/** Samples are written at least this often, so pruning old ones never leaves a host without one. */
export const KEYFRAME_MS = 3600_000;
/** Top processes are written at most this often, however fast they change. */
export const PROCESS_MIN_GAP_MS = 60_000;

export interface SampleState { uidsKey: string | null; uidsAt: number | null; processesKey: string | null; processesAt: number | null }

/** Exact: any change in any user's counts is a new sample. */
export function uidsKey(uids: UidUsage[]): string {
  return uids.map((u) => `${u.uid}:${u.instances}:${u.watches}`).sort().join(';');
}

/** [uid, instances, watches, uid, ...], the column's layout. */
export function flattenUids(uids: UidUsage[]): number[] {
  return uids.flatMap((u) => [u.uid, u.instances, u.watches]);
}

export function unflattenUids(flat: number[], names: ReadonlyMap<number, string | null>): UidUsage[] {
  const out: UidUsage[] = [];
  for (let i = 0; i + 2 < flat.length; i += 3) {
    const uid = flat[i]!;
    out.push({ uid, user: names.get(uid) ?? null, instances: flat[i + 1]!, watches: flat[i + 2]! });
  }
  return out;
}

// Counts in steps of about 10 %: a process whose fds wobble by one is not news,
// one that gained a tenth more is (that is how a leak shows).
function step(v: number): number {
  return v < 20 ? v : Math.floor(Math.log(v) / Math.log(1.1));
}

/** Material: who is in the list (order aside) and each count to within about 10 %. */
export function processesKey(processes: ProcessInfo[]): string {
  return processes
    .map((p) => `${p.pid}/${p.command}/${step(p.fds)}/${p.inotifyInstances}/${step(p.inotifyWatches)}`)
    .sort().join(';');
}

export interface SampleDecision { uids: boolean; processes: boolean }

/**
 * Whether a report writes samples, given what the host last wrote. A late
 * report (older than the host's current state) always writes: it cannot be
 * compared with what came after it.
 */
export function decideSamples(s: SampleState, at: number, late: boolean, keys: { uids: string; processes: string }): SampleDecision {
  if (late) return { uids: true, processes: true };
  const uids = s.uidsAt === null || s.uidsKey !== keys.uids || at - s.uidsAt >= KEYFRAME_MS;
  const sinceProcesses = s.processesAt === null ? Infinity : at - s.processesAt;
  const processes = sinceProcesses >= KEYFRAME_MS || (s.processesKey !== keys.processes && sinceProcesses >= PROCESS_MIN_GAP_MS);
  return { uids, processes };
}
