// Pure risk arithmetic over one report: used fractions per dimension, the
// level they imply, and the watcher-panic flags. No I/O, no clock.
import type { Dimension, DimensionKey, Status } from '../protocol';
import { versionTag } from '../protocol';
import type { Report } from '../protocol';
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds';

export type Level = Exclude<Status, 'silent'>;
export type Dimensions = Record<DimensionKey, Dimension>;

export function fraction(used: number, limit: number): number {
  return limit > 0 && Number.isFinite(limit) ? used / limit : 0;
}

export function dim(used: number, limit: number): Dimension {
  return { used, limit, fraction: fraction(used, limit) };
}

export function levelOf(f: number, t: Thresholds = DEFAULT_THRESHOLDS): Level {
  if (f >= t.critical) return 'critical';
  if (f >= t.warning) return 'warning';
  return 'ok';
}

function worst<T>(items: readonly T[], score: (x: T) => number): T | undefined {
  let best: T | undefined;
  for (const x of items) if (best === undefined || score(x) > score(best)) best = x;
  return best;
}

/** Whose count each dimension is: the worst UID, the system, the worst process. */
export type Series = Record<DimensionKey, string>;

type Worst = ReturnType<typeof worstOf>;

function worstOf(r: Report) {
  const procs = [...r.processes, ...r.daemons].filter((p) => p.fdLimit !== null);
  return {
    instances: worst(r.uids, (u) => u.instances),
    watches: worst(r.uids, (u) => u.watches),
    process: worst(procs, (x) => fraction(x.fds, x.fdLimit ?? 0)),
  };
}

/** Worst UID against the per-user limits, system handles, worst process against its soft limit. */
export function dimensionsOf(r: Report, w: Worst = worstOf(r)): Dimensions {
  return {
    inotifyInstances: dim(w.instances?.instances ?? 0, r.inotify.maxUserInstances),
    inotifyWatches: dim(w.watches?.watches ?? 0, r.inotify.maxUserWatches),
    systemFds: dim(r.fds.allocated, r.fds.max),
    processFds: w.process ? dim(w.process.fds, w.process.fdLimit ?? 0) : dim(0, 0),
  };
}

/**
 * The series behind each dimension. When the worst user, or the worst kind of
 * process, is another one than in the last report, the count jumps from one
 * series to another (700 fds of a process limited to 1,024 to a steady 40,000
 * of one limited to 65,536): not a trend to extrapolate. A process is known by
 * its command and limit, not its pid: the workers of one pool (nginx,
 * gunicorn) take turns being the worst and leak together, one series.
 */
export function seriesOf(r: Report, w: Worst = worstOf(r)): Series {
  return {
    inotifyInstances: w.instances ? `uid ${w.instances.uid}` : '',
    inotifyWatches: w.watches ? `uid ${w.watches.uid}` : '',
    systemFds: '',
    processFds: w.process ? `${'command' in w.process ? w.process.command : w.process.name} ${w.process.fdLimit}` : '',
  };
}

/** Whose count each dimension shows, as people read it ("uid 0 (root)", "dockerd (pid 812)"); null for the system's. */
export type Subjects = Record<DimensionKey, string | null>;

export function subjectsOf(w: Worst): Subjects {
  const user = (u: { uid: number; user: string | null } | undefined) => (u ? `uid ${u.uid}${u.user ? ` (${u.user})` : ''}` : null);
  const p = w.process;
  return {
    inotifyInstances: user(w.instances),
    inotifyWatches: user(w.watches),
    systemFds: null,
    processFds: p ? `${'command' in p ? p.command : p.name} (pid ${p.pid})` : null,
  };
}

/** BuildKit v0.20.0 and its release candidates (rootless images too) crash when no inotify instance can be had. */
export function isCrashingBuildkit(version: string): boolean {
  return /^v?0\.20\.0(-rc\.?\d+)?(-rootless)?$/.test(version.trim());
}

export function buildkitVersions(r: Report): string[] {
  const fromImages = r.containers.buildkitImages.map(versionTag).filter((v): v is string => v !== null);
  const fromDaemons = r.daemons.filter((d) => d.name === 'buildkitd' && d.version).map((d) => d.version as string);
  return [...new Set([...fromDaemons, ...fromImages])];
}

/** The UID running dockerd, containerd or buildkitd at critical on instances, or buildkitd at critical on fds. */
export function hasPanicRisk(r: Report, t: Thresholds = DEFAULT_THRESHOLDS): boolean {
  const byUid = new Map(r.uids.map((u) => [u.uid, u.instances]));
  return r.daemons.some((d) => {
    const uidFraction = fraction(byUid.get(d.euid) ?? 0, r.inotify.maxUserInstances);
    if (levelOf(uidFraction, t) === 'critical') return true;
    return d.name === 'buildkitd' && d.fdLimit !== null && levelOf(fraction(d.fds, d.fdLimit), t) === 'critical';
  });
}

export interface Assessment {
  dimensions: Dimensions;
  series: Series;
  subjects: Subjects;
  worstFraction: number;
  level: Level;
  panicRisk: boolean;
  crashingBuildkit: boolean;
}

export function assess(r: Report, t: Thresholds = DEFAULT_THRESHOLDS): Assessment {
  // One pass for the worst user and process, shared by both (every report, on the ingest path).
  const w = worstOf(r);
  const dimensions = dimensionsOf(r, w);
  const worstFraction = Math.max(...Object.values(dimensions).map((d) => d.fraction));
  return {
    dimensions,
    series: seriesOf(r, w),
    subjects: subjectsOf(w),
    worstFraction,
    level: levelOf(worstFraction, t),
    panicRisk: hasPanicRisk(r, t),
    crashingBuildkit: buildkitVersions(r).some(isCrashingBuildkit),
  };
}
