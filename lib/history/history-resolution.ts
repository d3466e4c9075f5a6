// Which table a chart of [from, to] reads: raw reports for short ranges,
// minute rollups for days, hour rollups beyond; and never a table whose
// retention no longer covers `from`. A 30-day chart reads 720 hourly rows.
import type { Retention } from './retention';

export type Resolution = 'raw' | 'minute' | 'hour';

const DAY = 86400_000;
const RAW_UP_TO_MS = 12 * 3600_000;
const MINUTE_UP_TO_MS = 3 * DAY;

export function resolutionFor(from: Date, to: Date, now: Date, r: Retention): Resolution {
  const span = to.getTime() - from.getTime();
  const age = now.getTime() - from.getTime();
  if (span <= RAW_UP_TO_MS && age <= r.reportDays * DAY) return 'raw';
  if (span <= MINUTE_UP_TO_MS && age <= r.minuteDays * DAY) return 'minute';
  return 'hour';
}

/**
 * Seconds per chart bucket for a range of at most `maxPoints` buckets, a whole
 * number of `unitSeconds` (the source's step: a rollup, or the report
 * interval). A 181 s bucket over minute rollups would hold three minutes or
 * four depending on the hour (and did, in a test).
 */
export function wholeBucketSeconds(from: Date, to: Date, maxPoints: number, unitSeconds: number): number {
  return Math.max(1, Math.ceil((to.getTime() - from.getTime()) / 1000 / maxPoints / unitSeconds)) * unitSeconds;
}
