// A container id → its names, from what this host has: Docker's API, containerd's
// bundles, the kubelet's log folders. Read only for the containers a report names.
import type { ContainerRuntime } from '../../lib/protocol';
import type { CgroupIdentity } from './cgroup-identity';
import { noNames, type ContainerNames } from './container-labels';
import { ContainerdBundles } from './containerd';
import { PodLogs } from './pod-logs';

export type NamedContainer = ContainerNames & { runtime: ContainerRuntime | null };

export interface NameRoots {
  /** The kubelet's pod log folder, /var/log/pods. */
  podLogRoot: string;
  /** containerd's state folder, /run/containerd. */
  containerdRoot: string;
}

export class ContainerNamer {
  private readonly bundles: ContainerdBundles;
  private readonly pods: PodLogs;

  /** `docker`: names from Docker's API this collection (empty when its socket did not answer). */
  constructor(roots: NameRoots, private readonly docker: Map<string, ContainerNames>) {
    this.bundles = new ContainerdBundles(roots.containerdRoot);
    this.pods = new PodLogs(roots.podLogRoot);
  }

  name(identity: CgroupIdentity, sandbox = false): NamedContainer {
    const fromDocker = this.docker.get(identity.id);
    const fromBundle = fromDocker ? null : this.bundles.names(identity.id);
    const known = fromDocker ?? fromBundle ?? noNames;
    const pod = known.pod ?? (identity.podUid ? this.pods.lookup(identity.podUid, identity.id, sandbox) : null);
    const runtime = identity.runtime ?? (fromDocker ? 'docker' : fromBundle ? 'containerd' : null);
    return { ...known, name: known.name ?? pod?.container ?? null, pod, runtime };
  }
}
