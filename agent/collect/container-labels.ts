// Names a container carries as labels (Docker) or OCI annotations (containerd,
// nerdctl, the CRI plugin): one reading for both, since nerdctl copies its labels into annotations.
import type { PodRef } from '../../lib/protocol';

export interface ContainerNames {
  name: string | null;
  image: string | null;
  composeProject: string | null;
  pod: PodRef | null;
}

export const noNames: ContainerNames = { name: null, image: null, composeProject: null, pod: null };

/** A label's text as the protocol can carry it: a non-empty string without NUL, cut to `max`. */
export const str = (v: unknown, max: number): string | null => (typeof v === 'string' && v.length > 0 && !v.includes('\u0000') ? v.slice(0, max) : null);

/** Labels or annotations → names; keys of Docker, cri-dockerd, containerd's CRI plugin and nerdctl. */
export function namesFromLabels(l: Record<string, unknown>): ContainerNames {
  const namespace = str(l['io.kubernetes.pod.namespace'] ?? l['io.kubernetes.cri.sandbox-namespace'], 253);
  const podName = str(l['io.kubernetes.pod.name'] ?? l['io.kubernetes.cri.sandbox-name'], 253);
  const uid = str(l['io.kubernetes.pod.uid'] ?? l['io.kubernetes.cri.sandbox-uid'], 64);
  // A pod's sandbox (pause) is "POD" under cri-dockerd and container-type "sandbox" under containerd.
  const sandbox = l['io.kubernetes.cri.container-type'] === 'sandbox' || l['io.kubernetes.docker.type'] === 'podsandbox';
  const container = sandbox ? null : str(l['io.kubernetes.container.name'] ?? l['io.kubernetes.cri.container-name'], 253);
  return {
    name: str(l['nerdctl/name'], 256) ?? container,
    image: str(l['io.kubernetes.cri.image-name'], 256),
    composeProject: str(l['com.docker.compose.project'], 128),
    pod: namespace && podName && uid ? { namespace, name: podName, uid, container } : null,
  };
}
