// Pure risk arithmetic over one report: used fractions per dimension, the
// level they imply, and the watcher-panic flags. No I/O, no clock.
import { dimensionSpecs, fraction, type DimensionKey } from '../dimensions';
import type { Dimension, Report, Status } from '../protocol';
import { versionTag } from '../protocol';
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds';

export type Level = Exclude<Status, 'silent'>;
export type Dimensions = Record<DimensionKey, Dimension>;
export { fraction };

export function dim(used: number, limit: number): Dimension {
  return { used, limit, fraction: fraction(used, limit) };
}

export function levelOf(f: number, t: Thresholds = DEFAULT_THRESHOLDS): Level {
  if (f >= t.critical) return 'critical';
  if (f >= t.warning) return 'warning';
  return 'ok';
}

/** Whose count each dimension is (lib/dimensions' `series`): a trend follows one series. */
export type Series = Record<DimensionKey, string>;
/** Whose count each dimension shows, as people read it; null for the system's. */
export type Subjects = Record<DimensionKey, string | null>;

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
  // One reading per dimension, as lib/dimensions describes it, gives its figures, series and subject.
  // The casts hold: the loop fills every key.
  const dimensions = {} as Dimensions;
  const series = {} as Series;
  const subjects = {} as Subjects;
  for (const d of dimensionSpecs) {
    const x = d.read(r);
    dimensions[d.key] = dim(x.used, x.limit);
    series[d.key] = x.series;
    subjects[d.key] = x.subject;
  }
  const worstFraction = Math.max(...Object.values(dimensions).map((d) => d.fraction));
  return {
    dimensions,
    series,
    subjects,
    worstFraction,
    level: levelOf(worstFraction, t),
    panicRisk: hasPanicRisk(r, t),
    crashingBuildkit: buildkitVersions(r).some(isCrashingBuildkit),
  };
}
