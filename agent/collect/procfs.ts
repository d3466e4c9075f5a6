// One pass over /proc: per process (TGID) its EUID, open fds, soft fd limit and
// inotify instances/watches. There is no kernel counter of inotify use, so
// this walk is the only way to know it.
import { readdirSync, readlinkSync } from 'node:fs';
import { DEFAULT_FD_LINK_BUDGET } from '../config';
import { identityFromCgroup, type CgroupIdentity } from './cgroup-identity';
import { countLinesStarting, readText, skipKind, tryReadText, type SkipKind } from './fsread';

export interface ProcSample {
  pid: number;
  ppid: number;
  comm: string;
  euid: number;
  /** Inode of the process's user namespace (0 when unreadable). */
  userNs: number;
  fds: number;
  /** Soft RLIMIT_NOFILE; null for "unlimited". */
  fdLimit: number | null;
  inotifyInstances: number;
  inotifyWatches: number;
  /**
   * Its fd table was listed but its links could not be read (no
   * CAP_SYS_PTRACE, or an LSM such as AppArmor's docker-default refused the
   * ptrace check): its fd count stands, its inotify use is unknown.
   */
  linksDenied?: boolean;
  /** The container its cgroup places it in; null for the host itself (absent in hand-made samples). */
  container?: CgroupIdentity | null;
}

export interface ProcScan {
  procs: ProcSample[];
  skipped: Record<SkipKind, number>;
  /** The fd-link budget ran out: later processes were counted without looking for inotify fds. */
  truncated: boolean;
}

function parseStatus(text: string): { comm: string; euid: number; ppid: number; zombie: boolean } {
  let comm = '';
  let euid = -1;
  let ppid = 0;
  let zombie = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('Name:')) comm = line.slice(5).trim();
    else if (line.startsWith('State:')) zombie = line.slice(6).trim().startsWith('Z');
    else if (line.startsWith('PPid:')) ppid = Number(line.slice(5).trim());
    else if (line.startsWith('Uid:')) {
      euid = Number(line.slice(4).trim().split(/\s+/)[1]);
      break; // Uid: follows Name:, State: and PPid: in every kernel's status layout
    }
  }
  return { comm, euid, ppid, zombie };
}

/**
 * Where a process's fd table can be read. A leader that returned through
 * pthread_exit while its other threads run is a zombie with an empty
 * /proc/PID/fd; the table the threads share shows under any live thread.
 */
function fdTableDir(root: string, pid: number, zombie: boolean): string {
  const own = `${root}/${pid}`;
  if (!zombie) return own;
  try {
    const tid = readdirSync(`${own}/task`).find((t) => Number(t) !== pid);
    return tid ? `${own}/task/${tid}` : own;
  } catch {
    return own;
  }
}

/** "user:[4026531837]" → 4026531837 */
export function nsInode(root: string, pid: number | 'self'): number {
  try {
    return Number(/\[(\d+)\]/.exec(readlinkSync(`${root}/${pid}/ns/user`))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

export function parseSoftFdLimit(limits: string): number | null {
  const line = limits.split('\n').find((l) => l.startsWith('Max open files'));
  const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
  if (soft === undefined || soft === 'unlimited') return null;
  const n = Number(soft);
  return Number.isFinite(n) ? n : null;
}

function isInotify(link: string): boolean {
  return link === 'anon_inode:inotify' || link === 'inotify';
}

interface Budget { links: number; exhausted: boolean }

/** Most processes of a host share a handful of cgroup texts: each is parsed once a walk. */
type Identities = Map<string, CgroupIdentity | null>;

function containerOf(root: string, pid: number, seen: Identities): CgroupIdentity | null {
  const text = tryReadText(`${root}/${pid}/cgroup`);
  if (text === null) return null;
  let id = seen.get(text);
  if (id === undefined) {
    id = identityFromCgroup(text);
    seen.set(text, id);
  }
  return id;
}

function scanOne(root: string, pid: number, budget: Budget, seen: Identities): ProcSample {
  const { comm, euid, ppid, zombie } = parseStatus(readText(`${root}/${pid}/status`));
  const base = fdTableDir(root, pid, zombie);
  const fdDir = `${base}/fd`;
  const fds = readdirSync(fdDir);
  let inotifyInstances = 0;
  let inotifyWatches = 0;
  // Past the budget only the fd count is kept: one cycle's work stays bounded on a huge host.
  const look = budget.links >= fds.length ? fds : [];
  budget.links -= look.length;
  if (look.length < fds.length) budget.exhausted = true;
  let linksDenied = false;
  // Listing the fd table needs read access to the directory; reading a link
  // or an fdinfo also needs the ptrace check, which can fail on its own. A
  // refusal is not a closed fd: the process is reported unreadable, never
  // read as holding no inotify instance.
  for (const fd of look) {
    let link: string;
    try {
      link = readlinkSync(`${fdDir}/${fd}`);
    } catch (err) {
      if (skipKind(err) === 'denied') { linksDenied = true; break; }
      continue; // closed between readdir and readlink
    }
    if (!isInotify(link)) continue;
    inotifyInstances++;
    try {
      inotifyWatches += countLinesStarting(`${base}/fdinfo/${fd}`, 'inotify ');
    } catch (err) {
      if (skipKind(err) === 'denied') { linksDenied = true; break; }
      // else closed meanwhile: the instance was seen, its watches are gone
    }
  }
  const fdLimit = parseSoftFdLimit(readText(`${root}/${pid}/limits`));
  const container = containerOf(root, pid, seen);
  const sample = { pid, ppid, comm, euid, userNs: nsInode(root, pid), fds: fds.length, fdLimit, inotifyInstances, inotifyWatches, container };
  return linksDenied ? { ...sample, linksDenied } : sample;
}

/**
 * Walks processes, not threads: readdir of /proc lists only thread-group leaders.
 * `linkBudget` caps the fd links read in one walk (see DEFAULT_FD_LINK_BUDGET).
 */
export function scanProcesses(root = '/proc', linkBudget = DEFAULT_FD_LINK_BUDGET): ProcScan {
  const procs: ProcSample[] = [];
  const skipped: Record<SkipKind, number> = { vanished: 0, denied: 0 };
  const budget: Budget = { links: linkBudget, exhausted: false };
  const seen: Identities = new Map();
  for (const entry of readdirSync(root)) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    try {
      const p = scanOne(root, pid, budget, seen);
      procs.push(p);
      if (p.linksDenied) skipped.denied++;
    } catch (err) {
      const kind = skipKind(err);
      if (!kind) throw err;
      skipped[kind]++;
    }
  }
  return { procs, skipped, truncated: budget.exhausted };
}
