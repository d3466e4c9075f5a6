import 'server-only';
import type { HostSummary } from '../../protocol/api';
import { dim, statusOf } from '../../risk';

/** The columns of host + host_state that a summary needs (shared by list and detail reads). */
export interface HostRow {
  id: string;
  name: string;
  intervalSeconds: number;
  state: {
    receivedAt: Date;
    inotifyInstancesUsed: number; inotifyInstancesLimit: number;
    inotifyWatchesUsed: number; inotifyWatchesLimit: number;
    systemFdsUsed: number; systemFdsLimit: number;
    processFdsUsed: number; processFdsLimit: number;
    containersRunning: number | null;
    worstFraction: number; panicRisk: boolean; crashingBuildkit: boolean;
  } | null;
}

export const hostRowSelect = {
  id: true, name: true, intervalSeconds: true,
  state: {
    select: {
      receivedAt: true, inotifyInstancesUsed: true, inotifyInstancesLimit: true, inotifyWatchesUsed: true,
      inotifyWatchesLimit: true, systemFdsUsed: true, systemFdsLimit: true, processFdsUsed: true, processFdsLimit: true,
      containersRunning: true, worstFraction: true, panicRisk: true, crashingBuildkit: true,
    },
  },
} as const;

export function toSummary(h: HostRow, now: Date): HostSummary {
  const s = h.state;
  return {
    id: h.id,
    name: h.name,
    // Last seen is when the server received a report: agent clocks may be off.
    lastSeen: s ? s.receivedAt.toISOString() : null,
    status: statusOf(s?.worstFraction ?? 0, s?.receivedAt ?? null, h.intervalSeconds, now),
    worstFraction: s?.worstFraction ?? 0,
    dimensions: {
      inotifyInstances: dim(s?.inotifyInstancesUsed ?? 0, s?.inotifyInstancesLimit ?? 0),
      inotifyWatches: dim(s?.inotifyWatchesUsed ?? 0, s?.inotifyWatchesLimit ?? 0),
      systemFds: dim(s?.systemFdsUsed ?? 0, s?.systemFdsLimit ?? 0),
      processFds: dim(s?.processFdsUsed ?? 0, s?.processFdsLimit ?? 0),
    },
    panicRisk: s?.panicRisk ?? false,
    crashingBuildkit: s?.crashingBuildkit ?? false,
    containersRunning: s?.containersRunning ?? null,
  };
}
