// Details of single processes: command lines, read only for the few a report
// names (not worth reading for every process on a busy host), and container ids.
import { identityFromCgroup } from './cgroup-identity';
import { tryReadText } from './fsread';

export function readCommand(pid: number, fallback: string, root = '/proc'): string {
  const raw = tryReadText(`${root}/${pid}/cmdline`);
  const cmd = raw ? raw.replace(/\0+$/, '').replace(/\0/g, ' ').trim() : '';
  return (cmd || fallback || `pid ${pid}`).slice(0, 256);
}

/** Container id from /proc/PID/cgroup (Docker, containerd/CRI, CRI-O, Podman layouts). */
export function containerIdFromCgroup(cgroup: string): string | null {
  return identityFromCgroup(cgroup)?.id ?? null;
}

export function readContainerId(pid: number, root = '/proc'): string | null {
  const cgroup = tryReadText(`${root}/${pid}/cgroup`);
  return cgroup ? containerIdFromCgroup(cgroup) : null;
}
