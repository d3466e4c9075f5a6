// Kubernetes pod and container names without the Kubernetes API: the kubelet
// keeps /var/log/pods/<namespace>_<pod>_<uid>/<container>/ and, beside it,
// /var/log/containers/<pod>_<namespace>_<container>-<container id>.log links.
import { readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import type { PodRef } from '../../lib/protocol';

interface PodDir { namespace: string; name: string; dir: string }

const podDirPattern = /^([^_]+)_([^_]+)_([^_]+)$/;
const containerLogPattern = /^[^_]+_[^_]+_(.+)-([0-9a-f]{64})\.log$/;
const idInPath = /([0-9a-f]{64})/;

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Read lazily, once a collection: only a host with pods pays for it. */
export class PodLogs {
  private pods: Map<string, PodDir> | undefined;
  private nameById: Map<string, string> | undefined;

  /** `root` is the kubelet's /var/log/pods; its /var/log/containers is the sibling folder. */
  constructor(private readonly root: string) {}

  private podByUid(uid: string): PodDir | undefined {
    if (!this.pods) {
      this.pods = new Map();
      for (const entry of list(this.root)) {
        const m = podDirPattern.exec(entry);
        // Kubernetes bounds these names to 253 and 63 characters; a folder made by hand need not keep to it.
        if (m && m[3]!.length <= 64) this.pods.set(m[3]!, { namespace: m[1]!.slice(0, 253), name: m[2]!.slice(0, 253), dir: path.join(this.root, entry) });
      }
    }
    return this.pods.get(uid);
  }

  private containerNameById(id: string): string | undefined {
    if (!this.nameById) {
      this.nameById = new Map();
      for (const entry of list(path.join(path.dirname(this.root), 'containers'))) {
        const m = containerLogPattern.exec(entry);
        if (m) this.nameById.set(m[2]!, m[1]!.slice(0, 253));
      }
    }
    return this.nameById.get(id);
  }

  /** Under dockershim the pod folder's logs were links to /var/lib/docker/containers/<id>/<id>-json.log. */
  private static byLinkedLog(containers: string[], pod: PodDir, id: string): string | undefined {
    return containers.find((c) => list(path.join(pod.dir, c)).some((f) => {
      try {
        return idInPath.exec(readlinkSync(path.join(pod.dir, c, f)))?.[1] === id;
      } catch {
        return false; // a plain file, as CRI runtimes write
      }
    }));
  }

  /**
   * The pod of a container's cgroup pod UID, and the container's name in it:
   * by its id where the logs reveal it, else the pod's only container (not for
   * its sandbox, the pause process, which has no log folder).
   */
  lookup(podUid: string, containerId: string, sandbox: boolean): PodRef | null {
    const pod = this.podByUid(podUid);
    if (!pod) return null;
    const containers = list(pod.dir);
    const container = this.containerNameById(containerId)
      ?? PodLogs.byLinkedLog(containers, pod, containerId)
      ?? (!sandbox && containers.length === 1 ? containers[0]!.slice(0, 253) : null);
    return { namespace: pod.namespace, name: pod.name, uid: podUid, container };
  }
}
