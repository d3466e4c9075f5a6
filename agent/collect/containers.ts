// Containers: the Docker API when its socket answers, else container cgroups,
// else containerd shim processes. The report says which method counted.
import { existsSync, readdirSync } from 'node:fs';
import type { Containers } from '../../lib/protocol/report';
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

/** Container cgroups under systemd's and cgroupfs' layouts, kubepods included (depth-bounded). */
export function countContainerCgroups(cgroupRoot = '/sys/fs/cgroup'): number {
  let n = listDirs(`${cgroupRoot}/system.slice`).filter((d) => scopePattern.test(d)).length;
  n += listDirs(`${cgroupRoot}/docker`).filter((d) => idPattern.test(d)).length;
  const walk = (dir: string, depth: number): void => {
    for (const d of listDirs(dir)) {
      if (scopePattern.test(d) || (idPattern.test(d) && dir.includes('kubepods'))) n++;
      else if (depth < 4) walk(`${dir}/${d}`, depth + 1);
    }
  };
  for (const top of listDirs(cgroupRoot).filter((d) => d.startsWith('kubepods'))) walk(`${cgroupRoot}/${top}`, 0);
  return n;
}

export interface ContainerOptions {
  dockerSocket: string;
  cgroupRoot: string;
}

export interface ContainerScan { containers: Containers; imageById: Map<string, string> }

export async function countContainers(procs: ProcSample[], opts: ContainerOptions): Promise<ContainerScan> {
  const none = new Map<string, string>();
  if (existsSync(opts.dockerSocket)) {
    try {
      const d = await readDocker(opts.dockerSocket);
      return { containers: { method: 'docker-api', running: d.running, total: d.total, buildkitImages: d.buildkitImages }, imageById: d.imageById };
    } catch { /* fall through: a broken socket must not cost the report */ }
  }
  const cgroups = countContainerCgroups(opts.cgroupRoot);
  if (cgroups > 0) return { containers: { method: 'cgroup', running: cgroups, total: null, buildkitImages: [] }, imageById: none };
  const shims = procs.filter((p) => p.comm.startsWith('containerd-shim')).length;
  if (shims > 0) return { containers: { method: 'containerd-shim', running: shims, total: null, buildkitImages: [] }, imageById: none };
  return { containers: { method: 'none', running: 0, total: null, buildkitImages: [] }, imageById: none };
}
