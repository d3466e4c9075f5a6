import { z } from 'zod';
import { dimensionKeys } from './api';

export const ranges = { '15m': 15 * 60, '1h': 3600, '6h': 6 * 3600, '24h': 86400, '7d': 7 * 86400, '30d': 30 * 86400 } as const;
export type RangeKey = keyof typeof ranges;
export const rangeKeys = Object.keys(ranges) as RangeKey[];

export const rangeParam = z.enum(rangeKeys as [RangeKey, ...RangeKey[]]).catch('1h');

// Milliseconds since the epoch (links, zoom), or a date-time from the custom-range form (UTC unless it says otherwise).
const epochMs = z.preprocess((v) => {
  if (typeof v !== 'string' || v === '') return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  const ms = Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(v) ? v : `${v}Z`);
  return Number.isFinite(ms) ? ms : undefined;
}, z.number().int().min(0).max(8.64e15).optional()).catch(undefined);

/**
 * The host page's window: a preset (`range`), or a custom `from`/`to` (ms)
 * from zooming; `at`, a moment whose processes to show, and `peak`, the
 * dimension whose highest report in the bucket ending at `at` to show instead
 * (a click on a chart); `y`, the charts' Y axes: from zero to the limit, or
 * fit to the data.
 */
export const windowParams = z.object({
  range: rangeParam, from: epochMs, to: epochMs, at: epochMs, peak: z.enum(dimensionKeys).optional().catch(undefined),
  y: z.enum(['limit', 'fit']).catch('limit'),
});
export type WindowParams = z.infer<typeof windowParams>;

/** A host page link's query: `window` (a preset or from/to) with the page's Y axis choice kept. */
export function hostQuery(window: Partial<Record<string, string | number>>, y: WindowParams['y']): string {
  const q = new URLSearchParams(Object.entries(window).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
  if (y === 'fit') q.set('y', 'fit');
  return `?${q.toString()}`;
}

export function rangeWindow(key: RangeKey, now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - ranges[key] * 1000), to: now };
}

/** The window to show: the custom one when it has a past inside it, else the preset. */
export function resolveWindow(p: WindowParams, now: Date): { from: Date; to: Date; custom: boolean } {
  const to = p.to === undefined ? undefined : Math.min(p.to, now.getTime());
  if (p.from !== undefined && to !== undefined && to > p.from) return { from: new Date(p.from), to: new Date(to), custom: true };
  return { ...rangeWindow(p.range, now), custom: false };
}

/** Whether the params asked for a custom window that resolveWindow could not give (from after to, or in the future). */
export const unusableWindow = (p: WindowParams, resolved: { custom: boolean }) => (p.from !== undefined || p.to !== undefined) && !resolved.custom;
