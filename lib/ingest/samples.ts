// Which reports also write their per-user counts and top processes. Storing
// them with every report would cost ten times the report itself. Every report
// keeps the worst user's counts (the report row), so the breakdown by user and
// by process is stored when it changes, at most once a minute: enough to name
// the culprit, for a fraction of the bytes.
import type { ByContainer, ProcessInfo, UidUsage } from '../protocol';

/** Samples are written at least this often, so pruning old ones never leaves a host without one. */
export const KEYFRAME_MS = 3600_000;
/** Samples are written at most this often, however fast they change. */
export const MIN_GAP_MS = 60_000;

export interface SampleState { uidsKey: string | null; uidsAt: number | null; processesKey: string | null; processesAt: number | null }

/** Exact: any change in any user's counts makes the next sample due. */
export function uidsKey(uids: UidUsage[]): string {
  return uids.map((u) => `${u.uid}:${u.instances}:${u.watches}`).sort().join(';');
}

/**
 * [uid, instances, watches, uid, ...], the column's layout (int4[]). A UID
 * above 2^31 is stored as the signed int of its 32 bits and read back with
 * `asUid`: no migration of the sample table for the few hosts that have one.
 */
export function flattenUids(uids: UidUsage[]): number[] {
  return uids.flatMap((u) => [u.uid | 0, u.instances, u.watches]);
}

/** A UID as stored in uid_sample (see flattenUids), as the kernel numbers it. */
export const asUid = (stored: number | string): number => Number(stored) >>> 0;

export function unflattenUids(flat: number[], names: ReadonlyMap<number, string | null>): UidUsage[] {
  const out: UidUsage[] = [];
  for (let i = 0; i + 2 < flat.length; i += 3) {
    const uid = asUid(flat[i]!);
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
export function processesKey(processes: ProcessInfo[], containers?: ByContainer): string {
  const procs = processes
    .map((p) => `${p.pid}/${p.command}/${step(p.fds)}/${p.inotifyInstances}/${step(p.inotifyWatches)}`)
    .sort().join(';');
  if (!containers) return procs;
  // The use by container is sampled with the processes: a container that doubles its watches is news too.
  const sums = (id: string, u: { instances: number; watches: number; fds: number }) => `${id}/${u.instances}/${step(u.watches)}/${step(u.fds)}`;
  const rows = [...containers.containers.map((c) => sums(c.id, c)).sort(), sums('rest', containers.rest), sums('host', containers.host)];
  return `${procs}|${rows.join(';')}`;
}

export interface SampleDecision { uids: boolean; processes: boolean }

/**
 * Whether a report writes samples, given what the host last wrote. A late
 * report (older than the host's current state) always writes: it cannot be
 * compared with what came after it.
 */
export function decideSamples(s: SampleState, at: number, late: boolean, keys: { uids: string; processes: string }): SampleDecision {
  if (late) return { uids: true, processes: true };
  const due = (lastKey: string | null, lastAt: number | null, key: string, urgent = false) => {
    const since = lastAt === null ? Infinity : at - lastAt;
    return since >= KEYFRAME_MS || (lastKey !== key && (urgent || since >= MIN_GAP_MS));
  };
  // A user appearing or leaving is news at once (an agent's first report often has no inotify user yet).
  const users = (key: string | null) => (key ?? '').split(';').map((u) => u.split(':')[0]).join(';');
  return {
    uids: due(s.uidsKey, s.uidsAt, keys.uids, users(s.uidsKey) !== users(keys.uids)),
    processes: due(s.processesKey, s.processesAt, keys.processes),
  };
}

// Stored positionally ([pid, command, euid, fds, fdLimit, instances, watches,
// containerId, userNsOwner, inotifyUnreadable?]): the same list without
// repeating every key in every row is about half the size on disk.
type Packed = [number, string, number, number, number | null, number, number, string | null, number | null, 1?];

export function packProcesses(processes: ProcessInfo[]): Packed[] {
  return processes.map((p) => {
    const row: Packed = [p.pid, p.command, p.euid, p.fds, p.fdLimit, p.inotifyInstances, p.inotifyWatches, p.containerId, p.userNsOwner ?? null];
    if (p.inotifyUnreadable) row.push(1);
    return row;
  });
}

/** Reads either form: packed rows, or the objects rows written before packing. */
export function unpackProcesses(stored: unknown): unknown[] {
  if (!Array.isArray(stored)) return [];
  return stored.map((row) => {
    if (!Array.isArray(row)) return row;
    const [pid, command, euid, fds, fdLimit, inotifyInstances, inotifyWatches, containerId, userNsOwner, unreadable] = row as Packed;
    return { pid, command, euid, fds, fdLimit, inotifyInstances, inotifyWatches, containerId,
      ...(userNsOwner === null || userNsOwner === undefined ? {} : { userNsOwner }), ...(unreadable ? { inotifyUnreadable: true as const } : {}) };
  });
}
