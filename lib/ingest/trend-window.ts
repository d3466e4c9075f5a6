import { dimensionKeys, type DimensionKey } from '../dimensions';
import { packPeaks, unpackPeaks, type PackedPeaks, type RoomPoint } from '../risk';
import type { Trend } from './plan';

// host_state.trend_window: the boot and each dimension's peaks, packed.
interface Stored { boot: string | null; d: Partial<Record<DimensionKey, PackedPeaks>>; room?: RoomPoint[] }

export function packTrend(t: Trend | null): string | null {
  if (!t) return null;
  const stored: Stored = { boot: t.boot, d: Object.fromEntries(dimensionKeys.map((k) => [k, packPeaks(t.peaks[k])])) };
  if (t.room?.length) stored.room = t.room;
  return JSON.stringify(stored);
}

export function unpackTrend(text: string): Trend {
  const s = JSON.parse(text) as Stored;
  return { boot: s.boot, peaks: Object.fromEntries(dimensionKeys.map((k) => [k, unpackPeaks(s.d[k] ?? [])])) as Trend['peaks'], room: s.room ?? [] };
}
