// Instances created inside a child user namespace are charged, in the parent
// namespace, to that namespace's owner (kernel ucounts walk up ns->owner), not
// to the UID the process shows. No /proc file names the owner, so take the
// effective UID of the nearest ancestor that lives in the agent's own namespace:
// the process that created the namespace, or the one that started it.
import type { ProcSample } from './procfs';

export function namespaceOwners(procs: ProcSample[], ownNs: number): Map<number, number> {
  const byPid = new Map(procs.map((p) => [p.pid, p]));
  const owners = new Map<number, number>(); // pid → owner UID, for processes in another namespace
  for (const p of procs) {
    if (p.userNs === ownNs || p.userNs === 0 || ownNs === 0) continue;
    let cur = byPid.get(p.ppid);
    for (let hops = 0; cur && cur.userNs !== ownNs && hops < 64; hops++) cur = byPid.get(cur.ppid);
    if (cur) owners.set(p.pid, cur.euid);
  }
  return owners;
}

/** The UID an instance is charged to in the agent's namespace. */
export function chargedUid(p: ProcSample, owners: Map<number, number>): number {
  return owners.get(p.pid) ?? p.euid;
}
