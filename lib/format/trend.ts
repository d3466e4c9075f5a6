import { dimensionSpec, type DimensionKey } from '../dimensions';
import type { HostSummary } from '../protocol';
import { describePace } from './container';
import { formatDuration } from './numbers';

const rate = new Intl.NumberFormat('en', { maximumSignificantDigits: 2 });

/** How a dimension's fitted trend reads on hover: "rising 2 instances an hour, fitted to the peaks of the last 30 min". */
export function describeTrend(k: DimensionKey, slopePerSecond: number): string {
  const d = dimensionSpec[k];
  const window = `the peaks of the last ${formatDuration(d.forecastWindowMs / 1000)}`;
  if (!(slopePerSecond > 0)) return `${d.title}: not rising (no steady rise in ${window})`;
  const perHour = slopePerSecond * 3600;
  const pace = perHour >= 60 ? `${rate.format(perHour / 60)} ${d.unit} a minute` : perHour >= 1 ? `${rate.format(perHour)} ${d.unit} an hour` : `${rate.format(perHour * 24)} ${d.unit} a day`;
  return `${d.title}: rising ${pace}, fitted to ${window}`;
}

/** The dimension that fills first, of those with a time to exhaustion. */
export function firstToFill(exhaustion: Record<DimensionKey, number | null>): DimensionKey | null {
  let best: DimensionKey | null = null;
  for (const [k, s] of Object.entries(exhaustion) as [DimensionKey, number | null][]) if (s !== null && (best === null || s < exhaustion[best]!)) best = k;
  return best;
}

/** The hover of a dimension's time to exhaustion: its own fitted trend, or the container count it follows. */
export function describeFullIn(h: Pick<HostSummary, 'rising' | 'followsContainers' | 'containerRoom'>, k: DimensionKey): string {
  const r = h.containerRoom;
  if (h.followsContainers !== k || !r) return describeTrend(k, h.rising[k]);
  return `${dimensionSpec[k].title}: following the container count, ${describePace(r)} (fitted to the last 2 h), each costing about ${rate.format(k === 'inotifyWatches' ? r.perContainer.watches : r.perContainer.instances)} ${dimensionSpec[k].unit}: room for ${r.room} more`;
}
