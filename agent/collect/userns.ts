// Instances created inside a child user namespace are charged, in the parent
// namespace, to that namespace's owner (kernel ucounts walk up ns->owner), not
// to the UID the process shows. No /proc file names the owner, so infer it:
//  1. From the namespace's uid_map. A user without CAP_SETUID can only map its
//     own UID, one ID long (`unshare -U -r`, Flatpak), and newuidmap always
//     maps the caller's own UID next to its /etc/subuid ranges (rootless
//     Podman and Docker put it at UID 0). So a map whose UID 0 line is one ID
//     long, or that has a single line one ID long, names its owner. This holds
//     when the creator was the process itself or has exited since.
//  2. Otherwise (ranges only, as root-created maps for Docker's userns-remap or
//     Kubernetes are), the effective UID of the nearest ancestor in the agent's
//     own namespace: the runtime that created it, or the one that started it.
import { tryReadText } from './fsread';
import type { ProcSample } from './procfs';

/** The owner a uid_map gives away, or null when it does not say (see above). */
export function ownerFromUidMap(text: string): number | null {
  const lines = text.trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number)).filter((l) => l.length === 3 && l.every(Number.isInteger));
  const single = lines.filter(([, , count]) => count === 1);
  const root = single.find(([inside]) => inside === 0);
  if (root) return root[1]!;
  return lines.length === 1 && single.length === 1 ? single[0]![1]! : null;
}

export function namespaceOwners(procs: ProcSample[], ownNs: number, procRoot = '/proc'): Map<number, number> {
  const byPid = new Map(procs.map((p) => [p.pid, p]));
  const fromMap = new Map<number, number | null>(); // namespace inode → owner its map names
  const mapOwner = (p: ProcSample): number | null => {
    if (fromMap.has(p.userNs)) return fromMap.get(p.userNs)!;
    const text = tryReadText(`${procRoot}/${p.pid}/uid_map`);
    if (text === null) return null; // gone mid-scan: another process of the namespace may still tell
    const owner = ownerFromUidMap(text);
    fromMap.set(p.userNs, owner);
    return owner;
  };
  const owners = new Map<number, number>(); // pid → owner UID, for processes in another namespace
  for (const p of procs) {
    if (p.userNs === ownNs || p.userNs === 0 || ownNs === 0) continue;
    // Up to the nearest ancestor in the agent's namespace. The outermost
    // process before it is in the namespace the kernel charges here: for a
    // namespace nested in another (unshare inside a rootless container) the
    // inner map names the container's UID, not the owner outside.
    let outer = p;
    let cur = byPid.get(p.ppid);
    for (let hops = 0; cur && cur.userNs !== ownNs && hops < 64; hops++) {
      outer = cur;
      cur = byPid.get(cur.ppid);
    }
    const named = mapOwner(outer);
    if (named !== null) owners.set(p.pid, named);
    else if (cur) owners.set(p.pid, cur.euid);
  }
  return owners;
}

/** The UID an instance is charged to in the agent's namespace. */
export function chargedUid(p: ProcSample, owners: Map<number, number>): number {
  return owners.get(p.pid) ?? p.euid;
}
