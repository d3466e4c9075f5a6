// The one description of each measured dimension: what people call it, how a
// report gives its count and limit, where it is stored, how it is charted and
// exported. Every per-dimension list elsewhere is derived from this one.
import type { Report } from '../protocol';
import { fraction } from './fraction';

/** What a report says about one dimension. */
export interface Reading {
  used: number;
  limit: number;
  /** Whose count a trend follows (a UID, a kind of process; '' for the system's): another one restarts the trend. */
  series: string;
  /** Whose count it is, as people read it ("uid 0 (root)", "dockerd (pid 812)"); null for the system's. */
  subject: string | null;
}

interface Line {
  label: string;
  color: string;
  /** The limit may be none (at or past UNLIMITED): no line there, and none at all when it never is finite. */
  unlimited?: boolean;
}

export interface DimensionSpec {
  title: string;
  /** The fleet table's column heading, and what its hover says. */
  short: string;
  help: string;
  /** What one unit of `used` is. */
  unit: string;
  read(r: Report): Reading;
  /** The prefix of its columns in every table that stores it (columnsOf). */
  column: string;
  /** The SQL type of its used and limit columns (slopes are float8). */
  sqlType: 'int' | 'float8';
  /** On the host page: the used line and the limit drawn as a reference line; `order` places the chart. */
  chart: { title: string; order: number; used: Line; limit: Line };
  /** Its `dimension` label on /metrics (headroom_used, headroom_limit, ...): dashboards and rules select on it. */
  metric: string;
  /** How far back time to exhaustion is fitted: long enough to span a few CI builds, short enough to follow a leak. */
  forecastWindowMs: number;
}

function worst<T>(items: readonly T[], score: (x: T) => number): T | undefined {
  let best: T | undefined;
  for (const x of items) if (best === undefined || score(x) > score(best)) best = x;
  return best;
}

/** The worst UID's count against a per-user limit. */
const perUser = (count: 'instances' | 'watches', limit: (r: Report) => number) => (r: Report): Reading => {
  const u = worst(r.uids, (x) => x[count]);
  return { used: u?.[count] ?? 0, limit: limit(r), series: u ? `uid ${u.uid}` : '', subject: u ? `uid ${u.uid}${u.user ? ` (${u.user})` : ''}` : null };
};

const limitColor = '#dc2626';
const MINUTE = 60_000;

const described = {
  inotifyInstances: {
    title: 'inotify instances', short: 'Instances', help: 'worst UID against fs.inotify.max_user_instances', unit: 'instances',
    read: perUser('instances', (r) => r.inotify.maxUserInstances),
    column: 'inotify_instances', sqlType: 'int', metric: 'inotify_instances', forecastWindowMs: 30 * MINUTE,
    chart: { title: 'inotify instances (worst UID)', order: 0, used: { label: 'instances', color: '#2563eb' }, limit: { label: 'limit', color: limitColor } },
  },
  inotifyWatches: {
    title: 'inotify watches', short: 'Watches', help: 'worst UID against fs.inotify.max_user_watches', unit: 'watches',
    read: perUser('watches', (r) => r.inotify.maxUserWatches),
    column: 'inotify_watches', sqlType: 'int', metric: 'inotify_watches', forecastWindowMs: 120 * MINUTE,
    chart: { title: 'inotify watches (worst UID)', order: 1, used: { label: 'watches', color: '#7c3aed' }, limit: { label: 'limit', color: limitColor } },
  },
  systemFds: {
    title: 'system file handles', short: 'System fds', help: 'fs.file-nr against fs.file-max', unit: 'file handles',
    read: (r) => ({ used: r.fds.allocated, limit: r.fds.max, series: '', subject: null }),
    // fs.file-max is LONG_MAX on recent kernels: past int4, and past a double's exact integers anyway.
    column: 'system_fds', sqlType: 'float8', metric: 'system_fds', forecastWindowMs: 120 * MINUTE,
    chart: { title: 'System file handles', order: 3, used: { label: 'allocated', color: '#059669' }, limit: { label: 'fs.file-max', color: limitColor, unlimited: true } },
  },
  processFds: {
    title: 'process fds', short: 'Process fds', help: 'worst process against its soft RLIMIT_NOFILE', unit: 'fds',
    // A process is known by its command and limit, not its pid: the workers of
    // one pool take turns being the worst and leak together, one series.
    read: (r) => {
      const p = worst([...r.processes, ...r.daemons].filter((x) => x.fdLimit !== null), (x) => fraction(x.fds, x.fdLimit ?? 0));
      if (!p) return { used: 0, limit: 0, series: '', subject: null };
      const name = 'command' in p ? p.command : p.name;
      return { used: p.fds, limit: p.fdLimit ?? 0, series: `${name} ${p.fdLimit}`, subject: `${name} (pid ${p.pid})` };
    },
    column: 'process_fds', sqlType: 'int', metric: 'process_fds', forecastWindowMs: 60 * MINUTE,
    chart: { title: 'Process fds (worst process)', order: 2, used: { label: 'open fds', color: '#0891b2' }, limit: { label: 'soft limit', color: limitColor } },
  },
} satisfies Record<string, DimensionSpec>;

export type DimensionKey = keyof typeof described;
export type Described = DimensionSpec & { key: DimensionKey };
/** In the description's order: the fleet table's columns, the API's objects and /metrics follow it. */
// The casts are safe: the keys of a literal object (never empty), and one entry built for each of them.
export const dimensionKeys = Object.keys(described) as [DimensionKey, ...DimensionKey[]];
export const dimensionSpec = Object.fromEntries(dimensionKeys.map((k) => [k, { key: k, ...described[k] }])) as Record<DimensionKey, Described>;
export const dimensionSpecs = dimensionKeys.map((k) => dimensionSpec[k]);

export function isDimensionKey(s: unknown): s is DimensionKey {
  return typeof s === 'string' && Object.hasOwn(described, s);
}
