import type { Series } from '../history';
import type { Report } from '../protocol';
import { adviseHost, buildkitVersions, type Advice } from '../risk';

/** What to raise, from the latest report, weighed by the peaks of the points given (the range shown, or the last hour). */
export function adviceFor(latest: Report | null, points: Series['points']): Advice[] {
  if (!latest) return [];
  const peak = (k: 'inotifyInstancesUsed' | 'inotifyWatchesUsed' | 'systemFdsUsed') => Math.max(0, ...points.map((p) => p[k]));
  // The worst process's peak is the point nearest its own limit, with that limit.
  const fdPeak = points.reduce<{ used: number; limit: number } | null>((best, p) =>
    p.processFdsLimit > 0 && (!best || p.processFdsUsed / p.processFdsLimit > best.used / best.limit) ? { used: p.processFdsUsed, limit: p.processFdsLimit } : best, null);
  return adviseHost(latest, {
    inotifyInstances: peak('inotifyInstancesUsed'), inotifyWatches: peak('inotifyWatchesUsed'), systemFds: peak('systemFdsUsed'),
    processFds: fdPeak?.used ?? 0, processFdsLimit: fdPeak?.limit ?? 0,
  }, buildkitVersions(latest));
}
