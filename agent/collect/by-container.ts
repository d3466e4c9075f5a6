// inotify and fd use summed by container, for "which containers hold the
// budget": the top containers by instances, the others in one row, the host itself.
import type { ByContainer, ContainerUsage, UsageSums } from '../../lib/protocol';
import type { CgroupIdentity } from './cgroup-identity';
import type { ContainerNames } from './container-labels';
import type { ProcSample } from './procfs';

export const TOP_CONTAINERS = 30;

const zero = (): UsageSums => ({ processes: 0, instances: 0, watches: 0, fds: 0, unreadable: 0 });

function add(to: UsageSums, p: ProcSample | UsageSums): void {
  if ('pid' in p) {
    to.processes++;
    to.instances += p.inotifyInstances;
    to.watches += p.inotifyWatches;
    to.fds += p.fds;
    if (p.linksDenied) to.unreadable++;
  } else {
    for (const k of ['processes', 'instances', 'watches', 'fds', 'unreadable'] as const) to[k] += p[k];
  }
}

export interface ContainerSum {
  identity: CgroupIdentity;
  sums: UsageSums;
  /** Every process in it is `pause`: a Kubernetes pod's sandbox. */
  sandbox: boolean;
}

export interface ContainerSums { top: ContainerSum[]; rest: UsageSums & { containers: number }; host: UsageSums }

export function sumByContainer(procs: ProcSample[], top = TOP_CONTAINERS): ContainerSums {
  const host = zero();
  const byId = new Map<string, ContainerSum>();
  for (const p of procs) {
    const identity = p.container;
    if (!identity) {
      add(host, p);
      continue;
    }
    let c = byId.get(identity.id);
    if (!c) byId.set(identity.id, (c = { identity, sums: zero(), sandbox: true }));
    add(c.sums, p);
    if (p.comm !== 'pause') c.sandbox = false;
  }
  const ranked = [...byId.values()].sort((a, b) => b.sums.instances - a.sums.instances || b.sums.watches - a.sums.watches || b.sums.fds - a.sums.fds);
  const rest = { ...zero(), containers: 0 };
  for (const c of ranked.slice(top)) {
    add(rest, c.sums);
    rest.containers++;
  }
  return { top: ranked.slice(0, top), rest, host };
}

/** The report's section, with each listed container named by `nameOf`. */
export function byContainerReport(sums: ContainerSums, nameOf: (c: ContainerSum) => ContainerNames & { runtime: ContainerUsage['runtime'] }): ByContainer {
  return {
    containers: sums.top.map((c) => {
      const n = nameOf(c);
      return { id: c.identity.id, ...c.sums, runtime: n.runtime, name: n.name, image: n.image, composeProject: n.composeProject, pod: n.pod };
    }),
    rest: sums.rest,
    host: sums.host,
  };
}
