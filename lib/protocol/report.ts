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

/** Errors a failed fd or inotify call returns: per-UID or per-process limit, system-wide file-max, watches. */
export const failureErrno = z.enum(['EMFILE', 'ENFILE', 'ENOSPC']);

/** Why a running agent does not watch for failures: the server shows "failure capture off: <reason>". */
export const captureReason = z.enum(['disabled', 'one-shot', 'not-permitted', 'lockdown', 'no-tracefs', 'read-only', 'no-syscall-events', 'failed']);

const failedCall = {
  /** The syscall, as the kernel names it: inotify_init1, inotify_add_watch, openat, socket, … */
  call: z.string().min(1).max(32).regex(/^[a-z0-9_]+$/, 'a syscall name'),
  errno: failureErrno,
  /** The task's comm (at most 15 characters in the kernel). */
  program: name(64),
  /** The process (thread group) that made the call. */
  pid: smallCount,
  /** Its effective UID when the agent looked; null when it had exited by then. */
  uid: uidValue.nullable(),
  containerId: text(128).nullable(),
  /** The container's name as the agent resolved it (Docker name, Kubernetes container, nerdctl name). */
  containerName: text(256).nullable(),
};

export const failureCount = z.object({ ...failedCall, count: smallCount.min(1) });
export const failureSample = z.object({ ...failedCall, at: z.iso.datetime({ offset: true }) });

/** Failed calls the kernel reported (tracefs syscall exit events) since the previous report. */
export const failures = z.object({
  capture: z.enum(['on', 'off']),
  reason: captureReason.nullable(),
  /** A sentence for a person: what is missing and how to turn capture on. */
  message: text(500).nullable(),
  /** Start of the window these figures cover (the previous report, or when capture started). */
  since: z.iso.datetime({ offset: true }),
  /** Failure events read in the window; `counts` itemises them up to its cap. */
  total: smallCount,
  /** Events the kernel's trace buffer overwrote or dropped before the agent read them: failures too, unseen. */
  dropped: smallCount,
  counts: z.array(failureCount).max(200),
  /** The newest failures, newest last. */
  samples: z.array(failureSample).max(20),
  /** Calls the agent would watch that this kernel has no trace event for. */
  missingCalls: z.array(z.string().max(32)).max(64).optional(),
});

export const usageSums = z.object({
  processes: smallCount,
  instances: smallCount,
  watches: smallCount,
  fds: smallCount,
  /** Processes whose fd links could not be read: their inotify use is missing from these sums. */
  unreadable: smallCount,
});

export const containerRuntime = z.enum(['docker', 'containerd', 'cri-o', 'podman']);

/** A Kubernetes pod, named from the kubelet's /var/log/pods or the runtime's annotations, never from the API. */
export const podRef = z.object({
  namespace: name(253),
  name: name(253),
  uid: name(64),
  /** The container's name in the pod; null for the pod's sandbox (pause) or when the pod has several and none matched. */
  container: text(253).nullable(),
});

export const containerUsage = usageSums.extend({
  id: name(128),
  runtime: containerRuntime.nullable(),
  name: text(256).nullable(),
  image: text(256).nullable(),
  composeProject: text(128).nullable(),
  pod: podRef.nullable(),
});

/** inotify and fd use summed by container: the top containers, the rest in one row, and the host itself. */
export const byContainer = z.object({
  containers: z.array(containerUsage).max(200),
  /** Containers past the listed ones, summed. */
  rest: usageSums.extend({ containers: smallCount }),
  /** Processes in no container. */
  host: usageSums,
});

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
  failures: failures.optional(),
  byContainer: byContainer.optional(),
});

export type Report = z.infer<typeof report>;
export type UidUsage = z.infer<typeof uidUsage>;
export type ProcessInfo = z.infer<typeof processInfo>;
export type DaemonInfo = z.infer<typeof daemonInfo>;
export type Containers = z.infer<typeof containers>;
export type InotifyLimits = z.infer<typeof inotifyLimits>;
export type ContainerMethod = z.infer<typeof containerMethod>;
export type Failures = z.infer<typeof failures>;
export type FailureCount = z.infer<typeof failureCount>;
export type FailureSample = z.infer<typeof failureSample>;
export type CaptureReason = z.infer<typeof captureReason>;
export type FailureErrno = z.infer<typeof failureErrno>;
export type ByContainer = z.infer<typeof byContainer>;
export type ContainerUsage = z.infer<typeof containerUsage>;
export type UsageSums = z.infer<typeof usageSums>;
export type PodRef = z.infer<typeof podRef>;
export type ContainerRuntime = z.infer<typeof containerRuntime>;
