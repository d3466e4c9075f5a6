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
