import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { until } from '../../lib/testing/wait';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHolder, type Holder } from '../testdata/holder';
import { countLinesStarting } from './fsread';
import { parseSoftFdLimit, scanProcesses } from './procfs';

describe('procfs parsing', () => {
  it('counts only lines that start with "inotify ", in chunks, matches across chunk edges included', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-fdinfo-'));
    const count = (text: string) => {
      writeFileSync(path.join(dir, 'f'), text, 'latin1');
      return countLinesStarting(path.join(dir, 'f'), 'inotify ');
    };
    try {
      const line = (wd: number) => `inotify wd:${wd} ino:${wd} sdev:8 mask:fff ignored_mask:0 fhandle-bytes:8 fhandle-type:1 f_handle:00\n`;
      expect(count(`pos:\t0\nflags:\t00\nmnt_id:\t15\n${line(2)}${line(1)}`)).toBe(2);
      expect(count('pos:\t0\nflags:\t02000000\n')).toBe(0);
      expect(count(line(1))).toBe(1); // on the first line
      expect(count('x inotify wd:1\n\tinotify wd:2\n')).toBe(0); // not at a line start
      // Many chunks, with lines of every length so matches straddle each edge somewhere.
      const big = Array.from({ length: 20_000 }, (_, i) => (i % 7 === 0 ? `${'x'.repeat(i % 131)}\n` : line(i))).join('');
      expect(big.length).toBeGreaterThan(20 * 64 * 1024);
      expect(count(`pos:\t0\n${big}`)).toBe(big.split('\n').filter((l) => l.startsWith('inotify ')).length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the soft open-files limit and "unlimited"', () => {
    const limits = 'Limit                     Soft Limit           Hard Limit           Units\nMax open files            1024                 524288               files\n';
    expect(parseSoftFdLimit(limits)).toBe(1024);
    expect(parseSoftFdLimit(limits.replace('1024 ', 'unlimited '))).toBeNull();
  });
});

describe('scanProcesses on the real /proc', () => {
  let holder: Holder;
  beforeAll(async () => {
    holder = await startHolder({ nofile: 300 });
    expect(await holder.inotify(3)).toBe('ok');
    expect(await holder.inotify(0)).toBe('ok');
    expect(await holder.open(40)).toBe('ok');
  });
  afterAll(() => holder.close());

  it('reports exactly the fds, instances, watches and soft limit a process holds', () => {
    const scan = scanProcesses();
    const p = scan.procs.find((x) => x.pid === holder.pid);
    expect(p).toBeDefined();
    expect(p!.fds).toBe(readdirSync(`/proc/${holder.pid}/fd`).length);
    expect(p!.fds).toBeGreaterThanOrEqual(45);
    expect(p!).toMatchObject({ euid: 0, fdLimit: 300, inotifyInstances: 2, inotifyWatches: 3 });
  });

  it('stops reading fd links past its budget, keeps counting fds, and says so', () => {
    const full = scanProcesses();
    expect(full.truncated).toBe(false);
    const cut = scanProcesses('/proc', 10);
    expect(cut.truncated).toBe(true);
    const p = cut.procs.find((x) => x.pid === holder.pid)!;
    expect(p.fds).toBe(full.procs.find((x) => x.pid === holder.pid)!.fds);
    expect(p.inotifyInstances).toBe(0);
  });

  it('counts thousands of watches on one instance exactly (an fdinfo many read chunks long)', async () => {
    const many = await startHolder();
    try {
      expect(await many.inotify(4000)).toBe('ok');
      const fdinfo = readdirSync(`/proc/${many.pid}/fdinfo`).map((fd) => countLinesStarting(`/proc/${many.pid}/fdinfo/${fd}`, 'inotify '));
      expect(Math.max(...fdinfo)).toBe(4000);
      expect(scanProcesses().procs.find((x) => x.pid === many.pid)).toMatchObject({ inotifyInstances: 1, inotifyWatches: 4000 });
    } finally {
      many.close();
    }
  });

  it('walks processes, not threads', () => {
    const pids = scanProcesses().procs.map((p) => p.pid);
    expect(new Set(pids).size).toBe(pids.length);
    expect(pids).toContain(process.pid);
  });
});

describe('a process whose main thread has exited', () => {
  it('is read through a live thread: its fds, instances and watches, not zeros', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-leader-'));
    const bin = path.join(dir, 'leader-exit');
    execFileSync('cc', ['-O2', '-pthread', '-o', bin, path.join(import.meta.dirname, '../testdata/leader-exit.c')]);
    const child = spawn(bin, [], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
      // The leader says it is ready just before it exits: wait until it is a zombie.
      await until('the leader to exit', () => /^State:\s+Z/m.test(readFileSync(`/proc/${child.pid}/status`, 'utf8')), 10_000);
      // The leader is a zombie and its own fd directory is empty.
      expect(readdirSync(`/proc/${child.pid}/fd`)).toHaveLength(0);
      const p = scanProcesses().procs.find((x) => x.pid === child.pid);
      expect(p).toMatchObject({ comm: 'leader-exit', inotifyInstances: 3, inotifyWatches: 6 });
      expect(p!.fds).toBeGreaterThanOrEqual(23);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
