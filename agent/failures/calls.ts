// The failures worth catching: a watcher or a file that could not be created
// because a limit ran out. Each call's in-kernel filter passes only those returns.
import type { FailureErrno } from '../../lib/protocol';

export const ERRNO: Record<FailureErrno, number> = { EMFILE: 24, ENFILE: 23, ENOSPC: 28 };

export interface WatchedCall {
  call: string;
  errnos: FailureErrno[];
  /** Every Linux architecture has it: missing only where the kernel lacks syscall events for it. */
  everywhere: boolean;
}

const full: FailureErrno[] = ['EMFILE', 'ENFILE'];
const common = ['inotify_init1', 'openat', 'socket', 'accept4', 'pipe2', 'dup', 'dup3', 'epoll_create1', 'eventfd2', 'timerfd_create', 'signalfd4', 'memfd_create'];
// Legacy or newer calls some architectures (arm64 has no open, pipe, dup2, inotify_init) or kernels lack.
const somewhere = ['inotify_init', 'open', 'creat', 'openat2', 'accept', 'pipe', 'dup2', 'epoll_create', 'eventfd', 'signalfd', 'socketpair',
  'fcntl', 'fanotify_init', 'pidfd_open', 'open_by_handle_at'];

export const WATCHED_CALLS: WatchedCall[] = [
  ...common.map((call) => ({ call, errnos: full, everywhere: true })),
  { call: 'inotify_add_watch', errnos: ['ENOSPC'], everywhere: true },
  ...somewhere.map((call) => ({ call, errnos: full, everywhere: false })),
];

/** "ret == -24 || ret == -23": the event filter, evaluated by the kernel before anything reaches the buffer. */
export const filterFor = (c: WatchedCall): string => c.errnos.map((e) => `ret == -${ERRNO[e]}`).join(' || ');

const byValue = new Map(Object.entries(ERRNO).map(([name, value]) => [-value, name as FailureErrno]));
export const errnoOf = (ret: number): FailureErrno | null => byValue.get(ret) ?? null;
