// Time to exhaustion as a forecast a person can act on: a robust line through
// the peaks of the last window (Theil–Sen), trusted only when the rise is
// steady (Mann–Kendall), alike in both halves of the window and larger than the
// noise, and shown only when the limit falls within the horizon. A CI build's
// ramp, a single spike, a step then a plateau or a reboot is not a trend; a
// climb too fast for the window is the level rules' to catch.

/** Peaks kept per window: the bucket width is the window over this. */
export const FORECAST_BUCKETS = 48;
/** Fewer points, or a span under this share of the window, is too little to forecast from. */
const MIN_POINTS = 8;
const MIN_SPAN_SHARE = 1 / 4;
/** One-sided Mann–Kendall z: a rise this steady comes from noise about once in 700 windows. */
const MIN_Z = 3;
/** The fitted rise over the span against the median distance of the points from the line. */
const MIN_RISE_OVER_NOISE = 4;
/** The slower half of the window must rise at least this share of the faster half's slope and of the whole's. */
const MIN_HALF_RATIO = 1 / 3;
export const FORECAST_HORIZON_MS = 7 * 86_400_000;

/** [bucket number, peak used in that bucket], oldest first; bucket = floor(at / width). */
export type TrendPeaks = [number, number][];

export interface Fit {
  /** Units per second; 0 when not rising or not confident. */
  slope: number;
  points: number;
  spanMs: number;
  z: number;
  confident: boolean;
}

/** As stored: the first bucket's number, then each bucket's peak from there on (null for a bucket without reports). */
export type PackedPeaks = [number, ...(number | null)[]] | [];

// Kept compact so host_state's row stays under Postgres's 2 kB out-of-line threshold.
export function packPeaks(peaks: TrendPeaks): PackedPeaks {
  if (peaks.length === 0) return [];
  const b0 = peaks[0]![0];
  const out: [number, ...(number | null)[]] = [b0];
  for (const [b, v] of peaks) {
    while (out.length - 1 < b - b0) out.push(null);
    out.push(v);
  }
  return out;
}

export function unpackPeaks(packed: PackedPeaks): TrendPeaks {
  if (packed.length === 0) return [];
  const [b0, ...values] = packed as [number, ...(number | null)[]];
  const out: TrendPeaks = [];
  values.forEach((v, i) => { if (v !== null) out.push([b0 + i, v]); });
  return out;
}

export const bucketWidth = (windowMs: number) => windowMs / FORECAST_BUCKETS;

/** The peaks after a value `used` seen at `at` (ms): the bucket's peak rises, buckets past the window go. */
export function addPeak(peaks: TrendPeaks, at: number, used: number, windowMs: number): TrendPeaks {
  const b = Math.floor(at / bucketWidth(windowMs));
  const last = peaks[peaks.length - 1];
  let next: TrendPeaks;
  if (last && last[0] === b) next = [...peaks.slice(0, -1), [b, Math.max(last[1], used)]];
  else if (last && last[0] > b) return peaks; // older than the newest bucket: the trend moves forward only
  else next = [...peaks, [b, used]];
  return next.filter(([x]) => x > b - FORECAST_BUCKETS);
}

// Reports refit these often: typed arrays and numeric sorts took a fit of 48 peaks from 1.1 ms to 0.1 ms here.
const scratch = new Float64Array((FORECAST_BUCKETS * (FORECAST_BUCKETS - 1)) / 2);

/** The median; sorts `xs` in place. */
export function medianOf(xs: Float64Array): number {
  if (xs.length === 0) return 0;
  xs.sort();
  const m = xs.length >> 1;
  return xs.length % 2 ? xs[m]! : (xs[m - 1]! + xs[m]!) / 2;
}

/** Theil–Sen: the median slope over all pairs of points `from` to `to` (per bucket). */
function theilSen(p: TrendPeaks, from = 0, to = p.length): number {
  let k = 0;
  for (let i = from; i < to; i++) {
    const [bi, vi] = p[i]!;
    for (let j = i + 1; j < to; j++) scratch[k++] = (p[j]![1] - vi) / (p[j]![0] - bi);
  }
  return medianOf(scratch.subarray(0, k));
}

/** Mann–Kendall's z for a rising series, with the correction for tied values. */
function mannKendallZ(p: TrendPeaks): number {
  const n = p.length;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += Math.sign(p[j]![1] - p[i]![1]);
  const ties = new Map<number, number>();
  for (const [, v] of p) ties.set(v, (ties.get(v) ?? 0) + 1);
  let variance = n * (n - 1) * (2 * n + 5);
  for (const g of ties.values()) variance -= g * (g - 1) * (2 * g + 5);
  variance /= 18;
  return s > 0 && variance > 0 ? (s - 1) / Math.sqrt(variance) : 0;
}

/** The line through the peaks and whether it can be trusted. */
export function fitPeaks(peaks: TrendPeaks, windowMs: number): Fit {
  const width = bucketWidth(windowMs);
  const points = peaks.length;
  const spanMs = points ? (peaks[points - 1]![0] - peaks[0]![0]) * width : 0;
  const none = { slope: 0, points, spanMs, z: 0, confident: false };
  if (points < MIN_POINTS || spanMs < windowMs * MIN_SPAN_SHARE) return none;
  const perBucket = theilSen(peaks);
  const z = mannKendallZ(peaks);
  const mid = (peaks[0]![0] + peaks[points - 1]![0]) / 2;
  const split = peaks.findIndex(([b]) => b > mid);
  const halves = [theilSen(peaks, 0, split), theilSen(peaks, split)];
  const intercept = medianOf(Float64Array.from(peaks, ([b, v]) => v - perBucket * b));
  const noise = medianOf(Float64Array.from(peaks, ([b, v]) => Math.abs(v - (intercept + perBucket * b))));
  const rise = perBucket * (peaks[points - 1]![0] - peaks[0]![0]);
  // Both halves rising alike: a step then a plateau has one flat half, a reboot's recovery one steep half.
  const [a, b] = halves as [number, number];
  const alike = Math.min(a, b) > 0 && Math.min(a, b) >= Math.max(a, b, perBucket) * MIN_HALF_RATIO;
  const confident = perBucket > 0 && z >= MIN_Z && alike && rise >= MIN_RISE_OVER_NOISE * noise;
  return { slope: confident ? perBucket / (width / 1000) : 0, points, spanMs, z, confident };
}

/** Two reports' boots are one boot unless both are known and differ (agents and states from before send none). */
export const sameBoot = (a: string | null | undefined, b: string | null | undefined) => !a || !b || a === b;

/** What a dimension's trend was fitted to, as the host's state keeps it. */
export interface TrendSeen { boot: string | null; series: string | null; peaks: TrendPeaks; slope: number }
export interface TrendInput { at: number; used: number; boot: string | null; series: string }

/**
 * One report's step of a dimension's trend. A reboot starts it afresh, and so
 * does another series (another worst UID or process): their jump is no climb.
 * An unknown boot or series (agents and states from before) counts as the same.
 */
export function advanceTrend(prev: TrendSeen | null, next: TrendInput, windowMs: number): { peaks: TrendPeaks; slope: number } {
  const same = prev !== null && sameBoot(prev.boot, next.boot) && (prev.series === null || prev.series === next.series);
  const peaks = addPeak(same ? prev.peaks : [], next.at, next.used, windowMs);
  // Most reports leave the peaks as they were (a bucket spans several reports): so is the fit.
  if (same && samePeaks(prev.peaks, peaks)) return { peaks, slope: prev.slope };
  return { peaks, slope: fitPeaks(peaks, windowMs).slope };
}

function samePeaks(a: TrendPeaks, b: TrendPeaks): boolean {
  if (a.length !== b.length || a.length === 0) return a.length === b.length;
  const [x, y] = [a[a.length - 1]!, b[b.length - 1]!];
  return a[0]![0] === b[0]![0] && x[0] === y[0] && x[1] === y[1];
}

/** Limits at or past this are "no limit" (fs.file-max is LONG_MAX on recent kernels). */
export const UNLIMITED = 2 ** 62;

/** Seconds until `used` reaches `limit` at `slope` per second; null when not rising, no real limit, or past the horizon. */
export function secondsToExhaustion(used: number, limit: number, slope: number, horizonMs = FORECAST_HORIZON_MS): number | null {
  if (!(limit > 0) || limit >= UNLIMITED || !(slope > 1e-9)) return null;
  const secs = Math.max(0, (limit - used) / slope);
  return secs * 1000 <= horizonMs ? secs : null;
}
