// What the agent cannot see, said in its log when it starts to be true (not
// every cycle): a report from a partial view looks like a healthy host.
import { readFileSync } from 'node:fs';
import type { Report } from '../lib/protocol';

/**
 * kthreadd is PID 2 in the host's PID namespace and in no other: without it
 * the agent walks only its own container's processes (no --pid=host, no
 * hostPID: true, and no host /proc mounted).
 */
export function seesHostPids(procRoot: string): boolean {
  try {
    return /^Name:\s*kthreadd$/m.test(readFileSync(`${procRoot}/2/status`, 'latin1'));
  } catch {
    return false;
  }
}

export interface Warning { kind: 'pid-namespace' | 'unreadable'; message: string }

export function visibilityWarnings(r: Pick<Report, 'scan'>, hostPids: boolean): Warning[] {
  const out: Warning[] = [];
  if (!hostPids) out.push({ kind: 'pid-namespace', message: 'this agent sees only its own PID namespace: run it on the host, with --pid=host, or with hostPID: true; other processes are not counted' });
  const denied = r.scan.skipped.denied;
  if (denied > 0) {
    out.push({ kind: 'unreadable', message: `${denied} process(es) unreadable: their inotify use is not counted. Run as root, or with CAP_DAC_READ_SEARCH and CAP_SYS_PTRACE `
      + '(an AppArmor or SELinux profile must also allow ptrace read, which docker-default does not)' });
  }
  return out;
}

/**
 * Which warnings to log now: one that starts, and one still true an hour
 * after it was last logged. Not one per cycle, and not one per flap either
 * (short-lived confined containers come and go every few cycles).
 */
export class WarningLog {
  private last = new Map<Warning['kind'], number>();
  constructor(private readonly everyMs = 3600_000) {}

  due(warnings: Warning[], now: number): string[] {
    return warnings.filter((w) => {
      const at = this.last.get(w.kind);
      if (at !== undefined && now - at < this.everyMs) return false;
      this.last.set(w.kind, now);
      return true;
    }).map((w) => w.message);
  }
}
