// Finding (or mounting) tracefs, and the agent's own trace instance in it:
// created with the filters set, removed on exit, a stale one replaced at start.
import { closeSync, constants, mkdirSync, openSync, readdirSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CaptureReason } from '../../lib/protocol';
import { tryReadText } from '../collect/fsread';
import { filterFor, WATCHED_CALLS } from './calls';

export interface Off { reason: CaptureReason; message: string }
export const isOff = (x: object): x is Off => 'reason' in x;

const DEFAULT_POINTS = ['/sys/kernel/tracing', '/sys/kernel/debug/tracing'];

interface Mount { point: string; readOnly: boolean }

/** tracefs mounts in the agent's own mount namespace ("\040" is how /proc/mounts writes a space). */
function tracefsMounts(): Mount[] {
  const text = tryReadText('/proc/self/mounts') ?? '';
  return text.split('\n').map((l) => l.split(' ')).filter((f) => f[2] === 'tracefs')
    .map((f) => ({ point: f[1]!.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))), readOnly: (f[3] ?? '').split(',').includes('ro') }));
}

function lockedDown(): boolean {
  return /\[confidentiality\]/.test(tryReadText('/sys/kernel/security/lockdown') ?? '');
}

// Not existsSync: access(2) checks with the real UID and drops capabilities, so an
// agent running with CAP_DAC_OVERRIDE would be told nothing exists.
const present = (p: string) => statSync(p, { throwIfNoEntry: false }) !== undefined;

const code = (err: unknown) => (err as NodeJS.ErrnoException).code ?? String(err);

/** The tracefs to use: `explicit`, else the usual mount points, mounting /sys/kernel/tracing when none is mounted. */
export function findTracefs(explicit: string | undefined): { root: string } | Off {
  const mounts = tracefsMounts();
  const found = explicit
    ? mounts.find((m) => m.point === explicit)
    : DEFAULT_POINTS.map((p) => mounts.find((m) => m.point === p)).find(Boolean) ?? mounts[0];
  if (found?.readOnly) return { reason: 'read-only', message: `tracefs at ${found.point} is mounted read-only (a container's /sys?): mount /sys/kernel/tracing read-write into it` };
  if (found) return { root: found.point };
  const target = explicit ?? DEFAULT_POINTS[0]!;
  if (process.getuid?.() !== 0) return { reason: 'no-tracefs', message: `tracefs is not mounted at ${target}, and only root may mount it (mount -t tracefs nodev ${target})` };
  // Loaded only here: node:child_process costs 2 MB of memory, and most hosts have tracefs mounted.
  const r = process.getBuiltinModule('node:child_process').spawnSync('mount', ['-t', 'tracefs', 'nodev', target], { encoding: 'utf8', timeout: 5000 });
  if (r.error || r.status !== 0) {
    const why = r.error ? code(r.error) === 'ENOENT' ? 'no mount command' : r.error.message : r.stderr.trim().split('\n')[0];
    return { reason: 'no-tracefs', message: `tracefs is not mounted at ${target} and mounting it failed (${why}): mount -t tracefs nodev ${target} on the host` };
  }
  return { root: target };
}

function refused(err: unknown, what: string): Off {
  const c = code(err);
  if (c === 'EROFS') return { reason: 'read-only', message: `${what}: tracefs is read-only here (a container's /sys?): mount /sys/kernel/tracing read-write` };
  if (c !== 'EACCES' && c !== 'EPERM') return { reason: 'failed', message: `${what}: ${(err as Error).message}` };
  if (lockedDown()) return { reason: 'lockdown', message: 'the kernel is in lockdown (confidentiality), which closes tracefs to everyone, root included' };
  return process.getuid?.() === 0
    ? { reason: 'not-permitted', message: `${what}: refused to root (${c}): an AppArmor or SELinux profile denies tracefs (in Docker: --security-opt apparmor=unconfined)` }
    : { reason: 'not-permitted', message: `${what}: tracefs is root's (${c}): run the agent as root, or with CAP_DAC_OVERRIDE` };
}

export interface Instance {
  dir: string;
  /** trace_pipe: one read at a time waits in the thread pool for the next failure. */
  fd: number;
  enabled: string[];
  /** Calls every architecture has that this kernel has no exit event for. */
  missing: string[];
  /** Instances of agents that died without removing theirs (kill -9), removed at this start. */
  removedStale: string[];
}

export const INSTANCE_PREFIX = 'headroom-agent-';

function removeInstance(dir: string, retries = 20): void {
  for (let attempt = 0; ; attempt++) {
    try {
      rmdirSync(dir);
      return;
    } catch (err) {
      if (code(err) === 'ENOENT') return;
      // EBUSY while the kernel lets go of a file just closed: wait a moment and retry.
      if (code(err) !== 'EBUSY' || attempt >= retries) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    }
  }
}

/**
 * A live agent holds its instance's trace_pipe open, and the kernel refuses to
 * remove an instance with an open file (EBUSY): every other headroom-agent-*
 * instance is a dead agent's, still tracing for nobody, and is removed.
 */
export function sweepStale(root: string, own = ''): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(path.join(root, 'instances'))) {
    if (!name.startsWith(INSTANCE_PREFIX) || name === own) continue;
    try {
      removeInstance(path.join(root, 'instances', name), 0);
      removed.push(name);
    } catch { /* EBUSY: a running agent's */ }
  }
  return removed;
}

/** Replaces any instance of this name (one an agent killed -9 left), then sets it up. */
export function openInstance(root: string, name: string, bufferKb: number): Instance | Off {
  const dir = path.join(root, 'instances', name);
  let removedStale: string[];
  try {
    removeInstance(dir);
    removedStale = sweepStale(root, name);
  } catch (err) {
    if (['EACCES', 'EPERM', 'EROFS'].includes(code(err))) return refused(err, `opening ${path.dirname(dir)}`);
    if (code(err) === 'ENOENT') return { reason: 'no-tracefs', message: `${root} has no instances folder: the kernel is too old for trace instances (4.x+)` };
    return { reason: 'failed', message: `a trace instance ${dir} is left and cannot be removed (${code(err)}): is another agent using the spool ${name}?` };
  }
  try {
    mkdirSync(dir);
  } catch (err) {
    return refused(err, `creating the trace instance ${dir}`);
  }
  let fd: number | undefined;
  try {
    // Opened first: from here on another agent's sweep sees this instance as live.
    fd = openSync(path.join(dir, 'trace_pipe'), constants.O_RDONLY);
    if (!present(path.join(dir, 'events/syscalls'))) {
      closeSync(fd);
      removeInstance(dir);
      return { reason: 'no-syscall-events', message: 'this kernel has no syscall trace events (it was built without CONFIG_FTRACE_SYSCALLS)' };
    }
    writeFileSync(path.join(dir, 'buffer_size_kb'), String(bufferKb));
    writeFileSync(path.join(dir, 'trace_clock'), 'mono');
    writeFileSync(path.join(dir, 'options/record-tgid'), '1');
    const enabled: string[] = [];
    const missing: string[] = [];
    for (const c of WATCHED_CALLS) {
      const event = path.join(dir, 'events/syscalls', `sys_exit_${c.call}`);
      if (!present(event)) {
        if (c.everywhere) missing.push(c.call);
        continue;
      }
      writeFileSync(path.join(event, 'filter'), filterFor(c));
      writeFileSync(path.join(event, 'enable'), '1');
      enabled.push(c.call);
    }
    if (enabled.length === 0) {
      closeSync(fd);
      removeInstance(dir);
      return { reason: 'no-syscall-events', message: 'this kernel has none of the syscall exit events the agent watches' };
    }
    return { dir, fd, enabled, missing, removedStale };
  } catch (err) {
    try {
      if (fd !== undefined) closeSync(fd);
      removeInstance(dir);
    } catch { /* the next start replaces it */ }
    return refused(err, `setting up the trace instance ${dir}`);
  }
}

export function closeInstance(inst: Instance): void {
  try { closeSync(inst.fd); } catch { /* already closed */ }
  removeInstance(inst.dir);
}

/** Events the instance's buffers lost (overwritten before read, or dropped), all CPUs, since it was made. */
export function lostEvents(inst: Instance): number {
  let lost = 0;
  let cpus: string[] = [];
  try {
    cpus = readdirSync(path.join(inst.dir, 'per_cpu'));
  } catch { /* no per-CPU stats: nothing to add */ }
  for (const cpu of cpus) {
    const stats = tryReadText(path.join(inst.dir, 'per_cpu', cpu, 'stats')) ?? '';
    for (const m of stats.matchAll(/^(?:overrun|dropped events): (\d+)$/gm)) lost += Number(m[1]);
  }
  return lost;
}
