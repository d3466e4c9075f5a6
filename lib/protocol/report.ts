// The one wire contract between agent and server. The agent imports only the
// types (no zod at run time); the server validates every report with this schema.
import { z } from 'zod';
import { plainText } from './text';
import { PROTOCOL_VERSION } from './version';

export { PROTOCOL_VERSION };

// Kernel counters can exceed 2^53 (fs.file-max is LONG_MAX on recent kernels),
// so counts are non-negative integers in the float sense, not "safe" integers.
const count = z.number().nonnegative().max(2 ** 63, 'larger than any kernel counter').refine(Number.isInteger, 'must be a whole number');
const smallCount = z.number().int().nonnegative().max(2 ** 31 - 1);
// uid_t is 32 bits unsigned; (uid_t)-1 means "no user". Directory-mapped IDs
// (SSSD, winbind) sit above 2^31: one such user must not get a host's reports refused.
const uidValue = z.number().int().nonnegative().max(2 ** 32 - 2);
const text = plainText;
const name = (max: number) => text(max).min(1);

export const limitSource = z.enum(['fs.inotify', 'user-namespace']);

export const inotifyLimits = z.object({
  maxUserInstances: smallCount,
  maxUserWatches: smallCount,
  maxQueuedEvents: smallCount,
  /** Which file the effective (smaller) value came from. */
  instancesSource: limitSource,
  watchesSource: limitSource,
});

export const uidUsage = z.object({
  uid: uidValue,
  user: text(64).nullable(),
  instances: smallCount,
  watches: smallCount,
});

export const processInfo = z.object({
  pid: smallCount,
  command: name(256),
  euid: uidValue,
  fds: smallCount,
  /** Soft RLIMIT_NOFILE; null when /proc/PID/limits said "unlimited". */
  fdLimit: smallCount.nullable(),
  inotifyInstances: smallCount,
  inotifyWatches: smallCount,
  containerId: text(128).nullable(),
  /** For a process in another user namespace: the UID its inotify use is charged to on the host. */
  userNsOwner: uidValue.nullable().optional(),
  /** Its fd links could not be read (an LSM refused the ptrace check): its inotify counts are unknown, not zero. */
  inotifyUnreadable: z.literal(true).optional(),
});

export const daemonName = z.enum(['dockerd', 'containerd', 'buildkitd']);

/** dockerd, containerd and buildkitd: the processes whose watchers crash. */
export const daemonInfo = z.object({
  name: daemonName,
  pid: smallCount,
  euid: uidValue,
  fds: smallCount,
  fdLimit: smallCount.nullable(),
  version: text(64).nullable(),
});

export const containerMethod = z.enum(['docker-api', 'cgroup', 'containerd-shim', 'none']);

export const containers = z.object({
  method: containerMethod,
  running: smallCount,
  /** Known only through the Docker API (stopped containers have no cgroup). */
  total: smallCount.nullable(),
  buildkitImages: z.array(text(256)).max(100),
});

export const skipReason = z.object({ vanished: smallCount, denied: smallCount });

/** The agent's spool: reports waiting for the server, and reports it had to drop (oldest first) at its size cap. */
export const delivery = z.object({ pending: smallCount, dropped: smallCount });

// Fields added after version 1 shipped are optional, so older agents keep working.
/** "ci", "k8s-node", "region=eu": what rules, silences and the fleet filter select on. */
export const hostLabel = z.string().min(1).max(100).regex(/^[A-Za-z0-9_.\-/]+(=[A-Za-z0-9_.\-/]*)?$/, 'a label is "name" or "name=value" (letters, digits, _ . - /)');

export const report = z.object({
  protocolVersion: z.literal(PROTOCOL_VERSION),
  reportId: z.uuid(),
  /** Per agent, +1 a report, kept across restarts: gaps show reports that never arrived. */
  sequence: z.number().int().positive().max(2 ** 31 - 1).optional(),
  collectedAt: z.iso.datetime({ offset: true }),
  intervalSeconds: z.number().int().min(1).max(3600),
  host: z.object({
    name: name(253),
    machineId: text(64).nullable(),
    kernel: text(256),
    agentVersion: text(64),
    bootTime: z.iso.datetime({ offset: true }).nullable(),
    /** Labels the agent was started with (--label); admins add more on the server. */
    labels: z.array(hostLabel).max(20).optional(),
  }),
  fds: z.object({
    /** file-nr: allocated handles and fs.file-max. */
    allocated: count,
    max: count,
    nrOpen: count,
  }),
  inotify: inotifyLimits,
  uids: z.array(uidUsage).max(1000),
  processes: z.array(processInfo).max(200),
  daemons: z.array(daemonInfo).max(200),
  containers,
  scan: z.object({
    processes: smallCount,
    skipped: skipReason,
    durationMs: z.number().nonnegative().max(86_400_000, 'a collection cannot take longer than a day'),
    /** The previous collection took longer than the interval (cycles never overlap). */
    overran: z.boolean().optional(),
    /** The per-cycle budget of fd links ran out: some inotify fds went unseen (a host with millions of fds). */
    truncated: z.boolean().optional(),
  }),
  delivery: delivery.optional(),
});

export type Report = z.infer<typeof report>;
export type UidUsage = z.infer<typeof uidUsage>;
export type ProcessInfo = z.infer<typeof processInfo>;
export type DaemonInfo = z.infer<typeof daemonInfo>;
export type Containers = z.infer<typeof containers>;
export type InotifyLimits = z.infer<typeof inotifyLimits>;
export type ContainerMethod = z.infer<typeof containerMethod>;
