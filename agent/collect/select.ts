import type { ProcSample } from './procfs';

const ratio = (p: ProcSample) => (p.fdLimit ? p.fds / p.fdLimit : 0);

function topBy(procs: ProcSample[], n: number, score: (p: ProcSample) => number): ProcSample[] {
  return procs.filter((p) => score(p) > 0).sort((a, b) => score(b) - score(a)).slice(0, n);
}

/**
 * The processes a report names: closest to their own fd limit, and holding the
 * most inotify instances and watches, so "who ate them?" has an answer.
 */
export function selectTop(procs: ProcSample[], n: number): ProcSample[] {
  const third = Math.max(1, Math.ceil(n / 3));
  const picked = new Map<number, ProcSample>();
  // A process whose links were refused is ranked by its fds only: its inotify counts are a part, or none, of the truth.
  const known = procs.filter((p) => !p.linksDenied);
  for (const p of [...topBy(procs, third, ratio), ...topBy(known, third, (x) => x.inotifyInstances), ...topBy(known, third, (x) => x.inotifyWatches)]) {
    picked.set(p.pid, p);
  }
  return [...picked.values()].slice(0, n);
}

/** Per-UID sums: instances and watches are charged to the effective UID (or the user-namespace owner, see userns.ts). */
export function sumByUid(procs: ProcSample[], uidOf: (p: ProcSample) => number = (p) => p.euid): Map<number, { instances: number; watches: number }> {
  const byUid = new Map<number, { instances: number; watches: number }>();
  for (const p of procs) {
    if (p.inotifyInstances === 0) continue;
    const uid = uidOf(p);
    const u = byUid.get(uid) ?? { instances: 0, watches: 0 };
    u.instances += p.inotifyInstances;
    u.watches += p.inotifyWatches;
    byUid.set(uid, u);
  }
  return byUid;
}
