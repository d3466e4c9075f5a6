// Containers: the Docker API when its socket answers, else container cgroups,
// else containerd shim processes. The report says which method counted.
import { existsSync, readdirSync } from 'node:fs';
import type { Containers } from '../../lib/protocol';
import type { ContainerNames } from './container-labels';
import { readDocker } from './docker';
import type { ProcSample } from './procfs';

const scopePattern = /^(docker|cri-containerd|crio|libpod)-[0-9a-f]{64}\.scope$/;
const idPattern = /^[0-9a-f]{64}$/;

function listDirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
}

// cgroup v2 has one tree at the root. v1 (and systemd's hybrid mode) has one
// tree per controller, each holding every container: read the ones runtimes
// always join and take the largest count, never the sum.
const v1Hierarchies = ['unified', 'systemd', 'pids', 'memory', 'cpu,cpuacct', 'cpu'];

/** Container cgroups in one hierarchy, systemd's and cgroupfs' layouts, kubepods included (depth-bounded). */
function countIn(root: string): number {
  let n = listDirs(`${root}/system.slice`).filter((d) => scopePattern.test(d)).length;
  n += listDirs(`${root}/docker`).filter((d) => idPattern.test(d)).length;
  const walk = (dir: string, depth: number): void => {
    for (const d of listDirs(dir)) {
      if (scopePattern.test(d) || (idPattern.test(d) && dir.includes('kubepods'))) n++;
      else if (depth < 4) walk(`${dir}/${d}`, depth + 1);
    }
  };
  for (const top of listDirs(root).filter((d) => d.startsWith('kubepods'))) walk(`${root}/${top}`, 0);
  return n;
}

/** Container cgroups on a v2, v1 or hybrid cgroup mount. */
export function countContainerCgroups(cgroupRoot = '/sys/fs/cgroup'): number {
  const present = new Set(listDirs(cgroupRoot));
  return Math.max(countIn(cgroupRoot), ...v1Hierarchies.filter((h) => present.has(h)).map((h) => countIn(`${cgroupRoot}/${h}`)));
}

export interface ContainerOptions {
  dockerSocket: string;
  cgroupRoot: string;
}

export interface ContainerScan {
  containers: Containers;
  imageById: Map<string, string>;
  /** Docker's names for its containers; empty without its API. */
  namesById: Map<string, ContainerNames>;
}

export async function countContainers(procs: ProcSample[], opts: ContainerOptions): Promise<ContainerScan> {
  const none = { imageById: new Map<string, string>(), namesById: new Map<string, ContainerNames>() };
  if (existsSync(opts.dockerSocket)) {
    try {
      const d = await readDocker(opts.dockerSocket);
      return { containers: { method: 'docker-api', running: d.running, total: d.total, buildkitImages: d.buildkitImages }, imageById: d.imageById, namesById: d.namesById };
    } catch { /* fall through: a broken socket must not cost the report */ }
  }
  const cgroups = countContainerCgroups(opts.cgroupRoot);
  if (cgroups > 0) return { containers: { method: 'cgroup', running: cgroups, total: null, buildkitImages: [] }, ...none };
  const shims = procs.filter((p) => p.comm.startsWith('containerd-shim')).length;
  if (shims > 0) return { containers: { method: 'containerd-shim', running: shims, total: null, buildkitImages: [] }, ...none };
  return { containers: { method: 'none', running: 0, total: null, buildkitImages: [] }, ...none };
}
