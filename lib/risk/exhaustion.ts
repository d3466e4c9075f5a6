// Time to exhaustion from the recent trend: an exponentially weighted rate of
// change per dimension, updated with each report, extrapolated to the limit.

/** Weight of the newest interval: at 15 s reports the trend follows the last minute or so. */
export const TREND_WEIGHT = 0.3;

export interface TrendPoint { used: number; at: number; slope: number }

/** The new rate of change (units per second) after a value `used` seen at `at` (ms). */
export function nextSlope(prev: TrendPoint | null, used: number, at: number, weight = TREND_WEIGHT): number {
  if (!prev || at <= prev.at) return prev?.slope ?? 0;
  const rate = (used - prev.used) / ((at - prev.at) / 1000);
  const next = weight * rate + (1 - weight) * prev.slope;
  // A wild report (or one after a reboot) must not poison the trend for good.
  return Number.isFinite(next) ? next : 0;
}

/** Limits at or past this are "no limit" (fs.file-max is LONG_MAX on recent kernels). */
export const UNLIMITED = 2 ** 62;

/** Seconds until `used` reaches `limit` at `slope` per second; null when not rising or no real limit. */
export function secondsToExhaustion(used: number, limit: number, slope: number): number | null {
  if (!(limit > 0) || limit >= UNLIMITED || !(slope > 1e-9)) return null;
  return Math.max(0, (limit - used) / slope);
}
