// What a failed call says: which limit ran out, and how a person reads the
// event. Pure, so the host page, the alert and its message agree.
import type { DimensionKey, FailureErrno } from '../protocol';

export interface FailedCallFacts {
  call: string; errno: FailureErrno; program: string; pid: number; uid: number | null;
  containerName: string | null; count: number;
}

/** How long a failed call keeps the "could not be created" rule's condition true (then its clear spell runs). */
export const FAILURE_ALERT_WINDOW_MS = 5 * 60_000;

/** A host's failed calls of the alert window, and the biggest line of the newest report that had any: what the alert names. */
export interface RecentFailure { total: number; worst: FailedCallFacts }

/** "buildkitd (pid 4242, root, container b) inotify_init1 → EMFILE ×3: the user's inotify instances ran out (…)". */
export function failureReading(f: RecentFailure, user?: string | null): string {
  return `${failedBy(f.worst, user)} ${failedCall(f.worst)}: ${failureAdvice[failureDimension(f.worst.call, f.worst.errno)]}`;
}

/** What a report says of capture, for the host page and the API: null from an agent that does not report failures. */
export function captureState(f: { capture: string; reason: string | null; message: string | null } | undefined) {
  return f ? { on: f.capture === 'on', reason: f.reason, message: f.message } : null;
}

/** The limit a failure ran into: ENFILE is the system's; EMFILE on inotify_init the user's instances; ENOSPC on add_watch the user's watches; else the process's own. */
export function failureDimension(call: string, errno: FailureErrno): DimensionKey {
  if (errno === 'ENFILE') return 'systemFds';
  if (call.startsWith('inotify_init')) return 'inotifyInstances';
  if (call === 'inotify_add_watch') return 'inotifyWatches';
  return 'processFds';
}

/** What ran out and what raises it, in a sentence. */
export const failureAdvice: Record<DimensionKey, string> = {
  inotifyInstances: 'the user\'s inotify instances ran out (fs.inotify.max_user_instances): raise it with sysctl and in /etc/sysctl.d, see the host page\'s advice',
  inotifyWatches: 'the user\'s inotify watches ran out (fs.inotify.max_user_watches): raise it with sysctl and in /etc/sysctl.d',
  systemFds: 'the system\'s file handles ran out (fs.file-max): raise it with sysctl, or find what holds them',
  processFds: 'the process reached its own soft limit on open files (RLIMIT_NOFILE): raise LimitNOFILE= in its unit, ulimit -n, or the container\'s --ulimit nofile',
};

/** "buildkitd (pid 4242, root, container buildkit-builder)": who made the call. */
export function failedBy(f: Pick<FailedCallFacts, 'program' | 'pid' | 'uid' | 'containerName'>, user?: string | null): string {
  const who = [`pid ${f.pid}`, f.uid === null ? null : user ?? `uid ${f.uid}`, f.containerName ? `container ${f.containerName}` : null].filter(Boolean);
  return `${f.program} (${who.join(', ')})`;
}

/** "inotify_init1 → EMFILE ×3". */
export const failedCall = (f: Pick<FailedCallFacts, 'call' | 'errno' | 'count'>) => `${f.call} → ${f.errno}${f.count > 1 ? ` ×${f.count}` : ''}`;
