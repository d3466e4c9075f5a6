// Details read only for the few processes a report names: command lines and
// container ids are not worth reading for every process on a busy host.
import { tryReadText } from './fsread';

export function readCommand(pid: number, fallback: string, root = '/proc'): string {
  const raw = tryReadText(`${root}/${pid}/cmdline`);
  const cmd = raw ? raw.replace(/\0+$/, '').replace(/\0/g, ' ').trim() : '';
  return (cmd || fallback || `pid ${pid}`).slice(0, 256);
}

const containerIdPattern = /(?:docker|cri-containerd|crio|libpod)[-/]([0-9a-f]{64})|\/([0-9a-f]{64})(?:\.scope)?$/m;

/** Container id from /proc/PID/cgroup (Docker, containerd/CRI, CRI-O, Podman layouts). */
export function containerIdFromCgroup(cgroup: string): string | null {
  const m = containerIdPattern.exec(cgroup);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

export function readContainerId(pid: number, root = '/proc'): string | null {
  const cgroup = tryReadText(`${root}/${pid}/cgroup`);
  return cgroup ? containerIdFromCgroup(cgroup) : null;
}
