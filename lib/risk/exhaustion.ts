// Time to exhaustion from the recent trend: an exponentially weighted rate of
// change per dimension, updated with each report, extrapolated to the limit.

/**
 * The trend's time constant. Each report weighs by the time it covers,
 * 1 - e^(-Δt/τ): 0.3 at the default 15 s interval, 0.023 for a report one
 * second after the last (an agent restarting, a spool flushing), 0.76 at a
 * 60 s interval. With a fixed weight a step of 20 instances a second after the
 * previous report moved the trend fifteen times as far as the same step a
 * whole interval later (20/s instead of 20/15 s, times 0.3): an exhaustion
 * alert from one build starting. Now any step of X moves it by at most X/τ.
 */
export const TREND_TAU_MS = -15_000 / Math.log(0.7);

export interface TrendPoint { used: number; at: number; slope: number }

/** The new rate of change (units per second) after a value `used` seen at `at` (ms). */
export function nextSlope(prev: TrendPoint | null, used: number, at: number, tauMs = TREND_TAU_MS): number {
  if (!prev || at <= prev.at) return prev?.slope ?? 0;
  const dt = at - prev.at;
  const rate = (used - prev.used) / (dt / 1000);
  const weight = 1 - Math.exp(-dt / tauMs);
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
