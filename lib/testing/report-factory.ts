// Builds valid reports for tests; each test states only what it cares about.
import { randomUUID } from 'node:crypto';
import type { ByContainer, ContainerUsage, FailureErrno, Failures, Report, UsageSums } from '../protocol';

export interface ReportOptions {
  hostName?: string;
  collectedAt?: Date;
  instances?: number;
  instanceLimit?: number;
  watches?: number;
  fdsAllocated?: number;
  processFds?: [used: number, limit: number];
  intervalSeconds?: number;
  /** What the agent sends with --label. */
  labels?: string[];
  /** Failed calls the agent caught in the report's window (failuresOf makes them). */
  failures?: Failures;
  /** Use by container (containersOf makes it). */
  byContainer?: ByContainer;
}

export interface FailedCall { call?: string; errno?: FailureErrno; program?: string; pid?: number; uid?: number | null; container?: string | null; count?: number; at?: Date }

/** A capture that caught these failed calls (by default buildkitd's inotify_init1 → EMFILE, once), each sampled at its time. */
export function failuresOf(calls: FailedCall[], since = new Date(Date.now() - 15_000)): Failures {
  const full = calls.map((c) => ({
    call: c.call ?? 'inotify_init1', errno: c.errno ?? 'EMFILE', program: c.program ?? 'buildkitd', pid: c.pid ?? 4242, uid: c.uid === undefined ? 0 : c.uid,
    containerId: c.container ? `${c.container}-id` : null, containerName: c.container ?? null, count: c.count ?? 1, at: (c.at ?? new Date()).toISOString(),
  }));
  return {
    capture: 'on', reason: null, message: null, since: since.toISOString(), total: full.reduce((n, c) => n + c.count, 0), dropped: 0,
    counts: full.map(({ at: _at, ...c }) => c), samples: full.map(({ count: _count, ...c }) => c),
  };
}

export function makeReport(o: ReportOptions = {}): Report {
  const [pfds, plimit] = o.processFds ?? [50, 1024];
  return {
    protocolVersion: 1,
    reportId: randomUUID(),
    collectedAt: (o.collectedAt ?? new Date()).toISOString(),
    intervalSeconds: o.intervalSeconds ?? 15,
    host: { name: o.hostName ?? `host-${randomUUID().slice(0, 8)}`, machineId: 'abc123', kernel: '6.1.0', agentVersion: '0.1.0', bootTime: null, ...(o.labels ? { labels: o.labels } : {}) },
    fds: { allocated: o.fdsAllocated ?? 1000, max: 100_000, nrOpen: 1_048_576 },
    inotify: { maxUserInstances: o.instanceLimit ?? 128, maxUserWatches: 65536, maxQueuedEvents: 16384, instancesSource: 'fs.inotify', watchesSource: 'fs.inotify' },
    uids: [{ uid: 0, user: 'root', instances: o.instances ?? 10, watches: o.watches ?? 100 }],
    processes: [{ pid: 42, command: 'containerd', euid: 0, fds: pfds, fdLimit: plimit, inotifyInstances: 1, inotifyWatches: 2, containerId: null }],
    daemons: [],
    containers: { method: 'none', running: 0, total: null, buildkitImages: [] },
    scan: { processes: 100, skipped: { vanished: 0, denied: 0 }, durationMs: 12.5 },
    ...(o.failures ? { failures: o.failures } : {}),
    ...(o.byContainer ? { byContainer: o.byContainer } : {}),
  };
}

type ContainerSpec = Partial<ContainerUsage> & { id: string };
const sums = (u: Partial<UsageSums> = {}): UsageSums => ({ processes: 1, instances: 0, watches: 0, fds: 3, unreadable: 0, ...u });

/** A report's use by container: the containers as given (the rest zero unless given), the host's own processes. */
export function containersOf(containers: ContainerSpec[], host: Partial<UsageSums> = {}, rest: Partial<UsageSums> & { containers?: number } = {}): ByContainer {
  return {
    containers: containers.map((c) => ({ runtime: 'docker', name: null, image: null, composeProject: null, pod: null, ...sums(c), ...c })),
    rest: { ...sums({ processes: 0, fds: 0, ...rest }), containers: rest.containers ?? 0 },
    host: sums(host),
  };
}
