import type { ContainerUsage, HostSummary } from '../protocol';
import { formatDuration } from './numbers';

type Room = NonNullable<HostSummary['containerRoom']>;

/** How a container is named to people: the pod's container, else the runtime's name, else its short id. */
export function containerName(c: Pick<ContainerUsage, 'id' | 'name' | 'pod'>): string {
  if (c.pod) return `${c.pod.namespace}/${c.pod.name}${c.pod.container ? ` (${c.pod.container})` : ''}`;
  return c.name ?? c.id.slice(0, 12);
}

/** Where it comes from: the image and compose project, or the pod's uid. */
export function containerOrigin(c: Pick<ContainerUsage, 'image' | 'composeProject' | 'runtime' | 'pod'>): string {
  return [c.image, c.composeProject && `compose ${c.composeProject}`, c.runtime].filter(Boolean).join(' · ');
}

/** "room for about 10 more containers before new watchers fail: each costs about 1 instance and 10 watches (fitted to the last 2 h of container counts)" */
export function describeRoom(r: Room): string {
  const each = `${round(r.perContainer.instances)} instance${round(r.perContainer.instances) === '1' ? '' : 's'} and ${round(r.perContainer.watches)} watches`;
  const how = r.from === 'history' ? 'fitted to the last 2 h of container counts' : 'the ratio in the latest report: the container count has not moved enough to fit';
  const pace = r.fullInSeconds === null ? '' : `; at ${describePace(r)} that room is gone in ${formatDuration(r.fullInSeconds)}`;
  return `room for about ${r.room} more container${r.room === 1 ? '' : 's'} before new watchers fail: each costs the daemons' user about ${each} (${how})${pace}`;
}

/** "11 more containers an hour" */
export const describePace = (r: Pick<Room, 'containersPerHour'>) => `${round(r.containersPerHour)} more containers an hour`;

const round = (n: number) => new Intl.NumberFormat('en', { maximumSignificantDigits: 2 }).format(n);
