import 'server-only';
import { dimensionKeys, type DimensionKey, type HostSummary } from '../../protocol/api';
import { dim, secondsToExhaustion, statusOf } from '../../risk';

type Num = number;
/** The columns of host + host_state that a summary needs (shared by list and detail reads). */
export interface HostRow {
  id: string;
  name: string;
  intervalSeconds: number;
  labels: string[];
  agentLabels: string[];
  state: {
    receivedAt: Date;
    inotifyInstancesUsed: Num; inotifyInstancesLimit: Num; inotifyInstancesSlope: Num;
    inotifyWatchesUsed: Num; inotifyWatchesLimit: Num; inotifyWatchesSlope: Num;
    systemFdsUsed: Num; systemFdsLimit: Num; systemFdsSlope: Num;
    processFdsUsed: Num; processFdsLimit: Num; processFdsSlope: Num;
    containersRunning: number | null;
    worstFraction: number; panicRisk: boolean; crashingBuildkit: boolean;
  } | null;
}

export const hostRowSelect = {
  id: true, name: true, intervalSeconds: true, labels: true, agentLabels: true,
  state: {
    select: {
      receivedAt: true,
      inotifyInstancesUsed: true, inotifyInstancesLimit: true, inotifyInstancesSlope: true,
      inotifyWatchesUsed: true, inotifyWatchesLimit: true, inotifyWatchesSlope: true,
      systemFdsUsed: true, systemFdsLimit: true, systemFdsSlope: true,
      processFdsUsed: true, processFdsLimit: true, processFdsSlope: true,
      containersRunning: true, worstFraction: true, panicRisk: true, crashingBuildkit: true,
    },
  },
} as const;

/** A host carries the labels its agent reports and those admins gave it. */
export function effectiveLabels(h: { labels: string[]; agentLabels: string[] }): string[] {
  return [...new Set([...h.agentLabels, ...h.labels])].sort();
}

export function toSummary(h: HostRow, now: Date): HostSummary {
  const s = h.state;
  const pick = (k: DimensionKey) => ({
    used: s ? (s[`${k}Used`] as number) : 0,
    limit: s ? (s[`${k}Limit`] as number) : 0,
    slope: s ? (s[`${k}Slope`] as number) : 0,
  });
  const dimensions = Object.fromEntries(dimensionKeys.map((k) => [k, dim(pick(k).used, pick(k).limit)])) as HostSummary['dimensions'];
  const exhaustion = Object.fromEntries(dimensionKeys.map((k) => {
    const p = pick(k);
    return [k, secondsToExhaustion(p.used, p.limit, p.slope)];
  })) as HostSummary['exhaustion'];
  const soonest = Object.values(exhaustion).filter((x): x is number => x !== null);
  return {
    id: h.id,
    name: h.name,
    // Last seen is when the server received a report: agent clocks may be off.
    lastSeen: s ? s.receivedAt.toISOString() : null,
    status: statusOf(s?.worstFraction ?? 0, s?.receivedAt ?? null, h.intervalSeconds, now),
    worstFraction: s?.worstFraction ?? 0,
    dimensions,
    panicRisk: s?.panicRisk ?? false,
    crashingBuildkit: s?.crashingBuildkit ?? false,
    containersRunning: s?.containersRunning ?? null,
    labels: effectiveLabels(h),
    exhaustion,
    exhaustionSeconds: soonest.length ? Math.min(...soonest) : null,
  };
}
