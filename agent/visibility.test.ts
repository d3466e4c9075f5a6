// The agent knows when it walks only a container's processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { until } from '../lib/testing/wait';
import { seesHostPids, visibilityWarnings, WarningLog } from './visibility';
import { sweepStaleInstancesAfterAll } from './testdata/stale-instances';

sweepStaleInstancesAfterAll();

describe('the PID namespace the agent walks', () => {
  let child: ChildProcess | undefined;
  afterAll(() => { child?.kill('SIGKILL'); });

  it('is the host\'s when PID 2 is kthreadd', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'hr-proc-'));
    mkdirSync(path.join(root, '2'));
    writeFileSync(path.join(root, '2', 'status'), 'Name:\tkthreadd\nUmask:\t0000\nState:\tS (sleeping)\n');
    expect(seesHostPids(root)).toBe(true);
  });

  it('is not in a new PID namespace with its own /proc (a container without hostPID)', async () => {
    child = spawn('unshare', ['--pid', '--fork', '--mount-proc', 'sleep', '30'], { stdio: 'ignore' });
    // unshare forks the namespace's PID 1, which mounts its /proc and becomes the sleep.
    let inner = 0;
    await until('the namespace\'s first process', () => {
      const forked = Number(readFileSync(`/proc/${child!.pid}/task/${child!.pid}/children`, 'utf8').trim().split(/\s+/)[0]);
      if (!forked || readFileSync(`/proc/${forked}/comm`, 'utf8').trim() !== 'sleep') return false;
      inner = forked;
      return true;
    });
    const procSeenInside = `/proc/${inner}/root/proc`;
    expect(readFileSync(`${procSeenInside}/1/comm`, 'utf8').trim()).not.toBe('systemd'); // the namespace's own procfs
    expect(seesHostPids(procSeenInside)).toBe(false);
    expect(visibilityWarnings({ scan: { processes: 1, skipped: { vanished: 0, denied: 0 }, durationMs: 1 } }, false).map((w) => w.kind)).toEqual(['pid-namespace']);
  });
});

describe('warnings in the log', () => {
  it('logs one when it starts and again an hour on, not every cycle nor every flap', () => {
    const log = new WarningLog(3600_000);
    const unreadable = { kind: 'unreadable' as const, message: 'm' };
    expect(log.due([unreadable], 0)).toEqual(['m']);
    expect(log.due([unreadable], 15_000)).toEqual([]);
    expect(log.due([], 30_000)).toEqual([]); // gone for a cycle
    expect(log.due([unreadable], 45_000)).toEqual([]); // and back: a flap, not news
    expect(log.due([unreadable], 3600_000)).toEqual(['m']);
  });
});
