import { readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { until } from './wait';

export interface Proc { pid: number; ppid: number; cmdline: string }

/**
 * Live processes whose environment holds `entry` (say HEADROOM_DATA_DIR=/tmp/x),
 * read from /proc. A zombie has no environment left, so it is not listed.
 */
export function processesWithEnv(entry: string): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (!readFileSync(`/proc/${name}/environ`, 'utf8').split('\0').includes(entry)) continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1]);
      out.push({ pid: Number(name), ppid, cmdline });
    } catch { /* gone meanwhile, or not ours to read */ }
  }
  return out;
}

/** Until process `pid` runs `bin`: a child just spawned is still a copy of node until its exec. */
export function runsBinary(pid: number, bin: string): Promise<void> {
  const real = realpathSync(bin);
  return until(`process ${pid} to run ${bin}`, () => {
    try {
      return readlinkSync(`/proc/${pid}/exe`) === real;
    } catch {
      return false; // not started yet, or gone
    }
  }, 10_000);
}
