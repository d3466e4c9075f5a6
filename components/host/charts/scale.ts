// The Y axis of a chart: against the limit (zero to the highest limit) or fit
// to the data (the measured series alone, so a leak from 1 % to 3 % of a limit
// is a slope, not a flat line). Plain functions, tested without a browser.

/**
 * About `count` round ticks (steps of 1, 2, 2.5 or 5 times a power of ten, in
 * whole numbers: these are counts) from at or below `lo` to at or above `hi`: of the
 * steps near an even split, the one whose ticks overshoot least.
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (hi <= lo) hi = lo + 1;
  const raw = (hi - lo) / (count - 1);
  let best: number[] | null = null;
  for (let p = 10 ** (Math.floor(Math.log10(raw)) - 1); p <= raw * 10; p *= 10) {
    for (const f of [1, 2, 2.5, 5]) {
      const step = Math.max(1, f * p);
      if (step < raw / 2 || step > raw * 2.5 || !Number.isInteger(step)) continue;
      const first = Math.floor(lo / step) * step;
      const n = Math.ceil((hi - first) / step - 1e-9) + 1;
      if (n > count + 1) continue;
      const ticks = Array.from({ length: n }, (_, i) => Math.round((first + i * step) * 1e6) / 1e6);
      if (!best || ticks.at(-1)! - ticks[0]! < best.at(-1)! - best[0]!) best = ticks;
    }
  }
  return best ?? [Math.floor(lo), Math.ceil(hi)];
}

export interface YScale {
  domain: [number, number];
  ticks: number[];
  /** The highest limit when it lies above the view (fit to data), for the chart to say so. */
  limitAbove: number | null;
}

type Point = Record<string, number | null | undefined>;

const valuesOf = (data: Point[], keys: string[]) =>
  data.flatMap((p) => keys.map((k) => p[k])).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));

/**
 * The axis for `data`: from zero to the highest value of any series (limits
 * included) against the limit; with `fit`, the span of the measured series
 * with a tenth of it spare each side, clipped at zero.
 */
export function yScale(data: Point[], series: { key: string; limit?: boolean }[], fit: boolean): YScale {
  const used = valuesOf(data, series.filter((s) => !s.limit).map((s) => s.key));
  const limits = valuesOf(data, series.filter((s) => s.limit).map((s) => s.key));
  const top = Math.max(0, ...used);
  const limit = limits.length ? Math.max(...limits) : null;
  if (!fit) {
    const ticks = niceTicks(0, Math.max(top, limit ?? 0, 1));
    return { domain: [0, ticks.at(-1)!], ticks, limitAbove: null };
  }
  const bottom = used.length ? Math.min(...used) : 0;
  const spare = top > bottom ? (top - bottom) / 10 : Math.max(1, top / 20);
  const ticks = niceTicks(Math.max(0, bottom - spare), top + spare);
  const domain: [number, number] = [ticks[0]!, ticks.at(-1)!];
  return { domain, ticks, limitAbove: limit !== null && limit > domain[1] ? limit : null };
}
