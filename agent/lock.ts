// One agent per spool folder: two on one folder send each other's reports
// (under the wrong token, or stuck on a host-bound token's 403 for ever).
// The lock file names its holder; it is taken over once that agent is gone.
import { linkSync, mkdirSync, readFileSync, readlinkSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'agent.lock';
// The holder touches its lock this often; in another PID namespace, where its
// pid means nothing here, a lock untouched for STALE_MS is taken as left behind.
const HEARTBEAT_MS = 30_000;
const STALE_MS = 120_000;

/** pid, and what tells it from a later process with the same pid: its start time, the boot, the PID namespace. */
export interface LockHolder { pid: number; start: string; boot: string; pidns: string }

export class SpoolLocked extends Error {
  constructor(readonly dir: string, readonly holder: LockHolder, elsewhere: boolean) {
    super(`the spool folder ${dir} is in use by another headroom-agent (pid ${holder.pid}${elsewhere ? ' in another PID namespace' : ''}): `
      + 'two agents on one folder send each other\'s reports. Stop that agent, or give this one its own --spool-dir');
  }
}

const read = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

/** Field 22 of /proc/PID/stat, in clock ticks since boot; null when no such process. */
export function startTime(pid: number): string | null {
  const stat = read(`/proc/${pid}/stat`);
  return stat === null ? null : (stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null);
}

function pidNamespace(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '';
  }
}

export function currentHolder(): LockHolder {
  return { pid: process.pid, start: startTime(process.pid) ?? '', boot: read('/proc/sys/kernel/random/boot_id')?.trim() ?? '', pidns: pidNamespace() };
}

function parseHolder(text: string | null): LockHolder | null {
  try {
    const h = JSON.parse(text ?? '') as Partial<LockHolder>;
    return typeof h.pid === 'number' ? { pid: h.pid, start: String(h.start ?? ''), boot: String(h.boot ?? ''), pidns: String(h.pidns ?? '') } : null;
  } catch {
    return null;
  }
}

/** Whether the agent that wrote `file` still runs: false after a reboot, and for a pid since reused. */
function holds(h: LockHolder, file: string, me: LockHolder): boolean {
  if (h.boot && me.boot && h.boot !== me.boot) return false;
  if (h.pidns !== me.pidns) {
    try {
      return Date.now() - statSync(file).mtimeMs < STALE_MS;
    } catch {
      return false;
    }
  }
  return startTime(h.pid) === h.start;
}

/** Creates `file` with `text`, whole or not at all (a link fails if it exists): never a half-written lock. */
function create(file: string, text: string): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  try {
    linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** The agent that holds the lock of `dir` now, if one does. */
export function lockHolder(dir: string): LockHolder | null {
  const file = path.join(dir, LOCK_FILE);
  const holder = parseHolder(read(file));
  return holder && holds(holder, file, currentHolder()) ? holder : null;
}

export interface SpoolLock {
  /** The holder of a lock that was taken over, when there was one. */
  tookOver: LockHolder | null;
  release(): void;
}

/**
 * Takes the lock of spool folder `dir`, or throws SpoolLocked naming the agent
 * that holds it. A stale lock is removed under a short-lived guard file, so two
 * agents starting together cannot both take it over.
 */
export function lockSpool(dir: string): SpoolLock {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, LOCK_FILE);
  const guard = `${file}.takeover`;
  const me = currentHolder();
  const mine = JSON.stringify(me);
  let tookOver: LockHolder | null = null;
  for (let tries = 0; tries < 20; tries++) {
    if (create(file, mine)) {
      const beat = setInterval(() => { try { utimesSync(file, new Date(), new Date()); } catch { /* gone: released */ } }, HEARTBEAT_MS);
      beat.unref();
      return {
        tookOver,
        release() {
          clearInterval(beat);
          if (read(file) === mine) rmSync(file, { force: true });
        },
      };
    }
    const text = read(file);
    const holder = parseHolder(text);
    if (holder && holds(holder, file, me)) throw new SpoolLocked(dir, holder, holder.pidns !== me.pidns);
    if (!create(guard, mine)) {
      // Its holder is between two statements; it is stale only if it died there.
      const g = parseHolder(read(guard));
      if (g && !holds(g, guard, me)) rmSync(guard, { force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      continue;
    }
    try {
      // Still the stale lock read above, not one another agent has just taken.
      if (read(file) === text) {
        rmSync(file, { force: true });
        tookOver = holder;
      }
    } finally {
      rmSync(guard, { force: true });
    }
  }
  throw new Error(`could not take the lock ${file}: agents keep starting on this folder`);
}
