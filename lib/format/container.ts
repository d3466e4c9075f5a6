import type { ContainerUsage } from '../protocol';

/** How a container is named to people: the pod's container, else the runtime's name, else its short id. */
export function containerName(c: Pick<ContainerUsage, 'id' | 'name' | 'pod'>): string {
  if (c.pod) return `${c.pod.namespace}/${c.pod.name}${c.pod.container ? ` (${c.pod.container})` : ''}`;
  return c.name ?? c.id.slice(0, 12);
}

/** Where it comes from: the image and compose project, or the pod's uid. */
export function containerOrigin(c: Pick<ContainerUsage, 'image' | 'composeProject' | 'runtime' | 'pod'>): string {
  return [c.image, c.composeProject && `compose ${c.composeProject}`, c.runtime].filter(Boolean).join(' · ');
}
