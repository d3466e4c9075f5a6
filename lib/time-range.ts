import { z } from 'zod';

export const ranges = { '15m': 15 * 60, '1h': 3600, '6h': 6 * 3600, '24h': 86400, '7d': 7 * 86400, '30d': 30 * 86400 } as const;
export type RangeKey = keyof typeof ranges;
export const rangeKeys = Object.keys(ranges) as RangeKey[];

export const rangeParam = z.enum(rangeKeys as [RangeKey, ...RangeKey[]]).catch('1h');

export function rangeWindow(key: RangeKey, now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - ranges[key] * 1000), to: now };
}
