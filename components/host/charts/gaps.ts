// Where a host's reports stopped, for the charts: one rule for the line breaks
// a chart draws and for the per-user samples the host page hides. Plain
// functions, not a client module, so server components can call them too.

/** Points further apart than this are a stretch without reports: three buckets, or the host's silent-after time if longer. */
export const gapThreshold = (bucketMs: number, gapMs = 0): number => Math.max(gapMs, 3 * bucketMs);

/**
 * Stretches without reports, [a point's bucket end, the next point), wherever
 * points (times, ascending) lie further apart than `threshold`; with `end`, also
 * from the last point to it when that is longer ago.
 */
export function silentSpans(ts: number[], bucketMs: number, threshold: number, end?: number): [number, number][] {
  const spans: [number, number][] = [];
  ts.forEach((t, i) => {
    const next = ts[i + 1] ?? end;
    if (next !== undefined && next - t > threshold) spans.push([t + bucketMs, next]);
  });
  return spans;
}
