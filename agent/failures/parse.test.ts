import { describe, expect, it } from 'vitest';
import { errnoOf, filterFor, WATCHED_CALLS } from './calls';
import { parseTraceLine } from './parse';

describe('trace_pipe lines', () => {
  it('reads comm, tid, tgid, time, call and the signed return of a syscall exit event', () => {
    expect(parseTraceLine('         buildkitd-4243    (   4242) [001] .....  5659.816509: sys_inotify_init1 -> 0xffffffffffffffe8')).toEqual({
      comm: 'buildkitd', tid: 4243, tgid: 4242, ts: 5659.816509, call: 'inotify_init1', ret: -24,
    });
    expect(parseTraceLine(' python3-3324 (3324) [000] d..1. 12.000001: sys_inotify_add_watch -> 0xffffffffffffffe4')?.ret).toBe(-28);
  });

  it('keeps dashes and spaces in a comm, and takes the tid after the last dash', () => {
    expect(parseTraceLine('  containerd-shim-1234  (  1200) [003] .....  1.5: sys_openat -> 0xffffffffffffffe9')).toMatchObject({ comm: 'containerd-shim', tid: 1234, tgid: 1200, ret: -23 });
    expect(parseTraceLine('  Web Content-99  (  98) [000] .....  1.5: sys_socket -> 0xffffffffffffffe8')).toMatchObject({ comm: 'Web Content', tid: 99 });
    expect(parseTraceLine('  kworker/u8:2-7  (     7) [000] .....  1.5: sys_dup -> 0xffffffffffffffe8')).toMatchObject({ comm: 'kworker/u8:2', tid: 7 });
  });

  it('reads lines without a tgid (unknown, or record-tgid off) and a comm the kernel lost', () => {
    expect(parseTraceLine('  <...>-77  (-------) [000] .....  2.25: sys_pipe2 -> 0xffffffffffffffe8')).toMatchObject({ comm: '<...>', tid: 77, tgid: null });
    expect(parseTraceLine('  bash-12 [000] .....  2.25: sys_dup3 -> 0xffffffffffffffe8')).toMatchObject({ comm: 'bash', tid: 12, tgid: null });
  });

  it('is not fooled by lost-event markers, trace_marker writes or enter events', () => {
    expect(parseTraceLine('CPU:1 [LOST 4640 EVENTS]')).toBeNull();
    expect(parseTraceLine('  node-5 (5) [000] .....  1.0: tracing_mark_write: headroom-agent stopping')).toBeNull();
    expect(parseTraceLine('  cat-5 (5) [000] .....  1.0: sys_openat(dfd: ffffff9c, filename: 7ffd, flags: 0, mode: 0)')).toBeNull();
    // A call name the protocol could not carry is not an event of ours.
    expect(parseTraceLine('  cat-5 (5) [000] .....  1.0: sys_OpenAt -> 0xffffffffffffffe8')).toBeNull();
  });
});

describe('the calls and their filters', () => {
  it('filters inotify_add_watch on ENOSPC and the fd-making calls on EMFILE or ENFILE', () => {
    const of = (call: string) => filterFor(WATCHED_CALLS.find((c) => c.call === call)!);
    expect(of('inotify_add_watch')).toBe('ret == -28');
    for (const call of ['inotify_init', 'inotify_init1', 'openat', 'open', 'socket', 'accept4', 'pipe2', 'dup', 'dup2', 'dup3', 'epoll_create1', 'eventfd2', 'timerfd_create', 'signalfd4', 'memfd_create', 'accept', 'pipe', 'epoll_create', 'eventfd', 'signalfd', 'openat2', 'creat', 'socketpair'])
      expect(of(call)).toBe('ret == -24 || ret == -23');
  });

  it('names the errnos it watches and nothing else', () => {
    expect([errnoOf(-24), errnoOf(-23), errnoOf(-28), errnoOf(-2), errnoOf(3)]).toEqual(['EMFILE', 'ENFILE', 'ENOSPC', null, null]);
  });
});
