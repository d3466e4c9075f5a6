// Which container, and which Kubernetes pod, a process belongs to, read from
// the cgroup paths in /proc/PID/cgroup (cgroup v1 and v2, systemd and cgroupfs drivers).
import type { ContainerRuntime } from '../../lib/protocol';

export interface CgroupIdentity {
  id: string;
  runtime: ContainerRuntime | null;
  /** From kubepods[-qos]-pod<uid>.slice (systemd) or kubepods/<qos>/pod<uid>/ (cgroupfs). */
  podUid: string | null;
}

const runtimeOf: Record<string, ContainerRuntime> = { docker: 'docker', 'cri-containerd': 'containerd', nerdctl: 'containerd', crio: 'cri-o', libpod: 'podman' };
// "docker-<id>.scope", "cri-containerd-<id>.scope", "docker/<id>", or a bare "/<id>" (cgroupfs kubepods).
const scoped = /(docker|cri-containerd|nerdctl|crio|libpod)[-/]([0-9a-f]{64})(?![0-9a-f])/;
const bare = /\/([0-9a-f]{64})(?:\.scope)?$/m;
const pod = /kubepods[^\n]*?[-/]pod([0-9a-f][0-9a-f_-]{15,63})(?:\.slice)?(?=\/|$)/m;

/** The container a /proc/PID/cgroup text places its process in, or null for the host itself. */
export function identityFromCgroup(cgroup: string): CgroupIdentity | null {
  const s = scoped.exec(cgroup);
  const b = s ? null : bare.exec(cgroup);
  const id = s?.[2] ?? b?.[1];
  if (!id) return null;
  const podUid = pod.exec(cgroup)?.[1]?.replace(/_/g, '-') ?? null;
  return { id, runtime: s ? runtimeOf[s[1]!]! : null, podUid };
}
