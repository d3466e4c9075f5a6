// How many more containers a host can start before new watchers fail: the
// inotify instances and watches each container costs the UID that runs the
// container daemons (its shim, and what runs in it as that user), from the
// host's own history where its container count moved, else from the ratio now;
// and, where the count drives the use, when the room runs out at the count's pace.
import { FORECAST_BUCKETS, FORECAST_HORIZON_MS, fitPeaks, medianOf } from './forecast';

/** How far back a host's container counts are weighed, in slices of this window. */
export const ROOM_WINDOW_MS = 2 * 3600_000;
// As many slices as a forecast's buckets, so the count's rise is fitted as a dimension's is.
const SLICES = FORECAST_BUCKETS;
/** Fewer distinct container counts than this, and the cost comes from the ratio now. */
const MIN_COUNTS = 3;

/** [slice, containers, instances, watches]: the highest of each seen in the slice. */
export type RoomPoint = [number, number, number, number];

export interface RoomReading { at: number; containers: number; instances: number; watches: number; instanceLimit: number; watchLimit: number }

export interface ContainerRoom {
  /** Containers that can still start before the first of the two limits is reached. */
  room: number;
  /** Instances and watches one more container costs the daemons' UID. */
  perContainer: { instances: number; watches: number };
  /** Fitted to the host's history of container counts, or the ratio of the latest report. */
  from: 'history' | 'ratio';
  /** The limit the room runs out against first. */
  binds: 'inotifyInstances' | 'inotifyWatches';
  /** Containers started an hour at the count's fitted rise over the window; 0 when not steadily rising. */
  containersPerHour: number;
  /** Seconds until the room is gone at that pace, where the count drives the use (a fitted cost); null otherwise or past the horizon. */
  fullInSeconds: number | null;
}

export function addRoomPoint(points: RoomPoint[], r: RoomReading): RoomPoint[] {
  const slice = Math.floor(r.at / (ROOM_WINDOW_MS / SLICES));
  const last = points[points.length - 1];
  if (last && last[0] > slice) return points;
  const next: RoomPoint[] = last && last[0] === slice
    ? [...points.slice(0, -1), [slice, Math.max(last[1], r.containers), Math.max(last[2], r.instances), Math.max(last[3], r.watches)]]
    : [...points, [slice, r.containers, r.instances, r.watches]];
  return next.filter(([s]) => s > slice - SLICES);
}

/** The median cost per container over every pair of slices whose container counts differ. */
function fittedCost(points: RoomPoint[], k: 2 | 3): number {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const dc = points[j]![1] - points[i]![1];
      if (dc !== 0) slopes.push((points[j]![k] - points[i]![k]) / dc);
    }
  }
  return slopes.length ? medianOf(Float64Array.from(slopes)) : 0;
}

export function containerRoom(points: RoomPoint[], now: RoomReading): ContainerRoom | null {
  if (now.containers <= 0 || now.instanceLimit <= 0) return null;
  const counts = new Set(points.map((p) => p[1]));
  const fitted = counts.size >= MIN_COUNTS ? { instances: fittedCost(points, 2), watches: fittedCost(points, 3) } : null;
  const from = fitted && fitted.instances > 0 ? 'history' : 'ratio';
  const perContainer = from === 'history'
    ? { instances: fitted!.instances, watches: Math.max(0, fitted!.watches) }
    : { instances: now.instances / now.containers, watches: now.watches / now.containers };
  if (!(perContainer.instances > 0)) return null;
  const byInstances = (now.instanceLimit - now.instances) / perContainer.instances;
  const byWatches = perContainer.watches > 0 && now.watchLimit > 0 ? (now.watchLimit - now.watches) / perContainer.watches : Infinity;
  const room = Math.max(0, Math.floor(Math.min(byInstances, byWatches)));
  const perSecond = fitPeaks(points.map(([slice, containers]) => [slice, containers]), ROOM_WINDOW_MS).slope;
  const secs = from === 'history' && perSecond > 0 ? Math.min(byInstances, byWatches) / perSecond : Infinity;
  return {
    room, perContainer, from, binds: byWatches < byInstances ? 'inotifyWatches' : 'inotifyInstances',
    containersPerHour: perSecond * 3600,
    fullInSeconds: secs * 1000 <= FORECAST_HORIZON_MS ? Math.max(0, secs) : null,
  };
}
