// One agent per spool folder, with real agents: a second one refuses to start
// and names the first; the lock of one that is gone (killed, rebooted, its pid
// reused) is taken over, by exactly one of several agents starting at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../lib/testing/ports';
import { until } from '../lib/testing/wait';
import { currentHolder, LOCK_FILE, lockSpool, SpoolLocked, type LockHolder } from './lock';
import { agentBundle } from './testdata/holder';
import { sweepStaleInstancesAfterAll } from './testdata/stale-instances';

sweepStaleInstancesAfterAll();

interface Agent { child: ChildProcess; log: () => string; exited: Promise<number | null> }
const running: Agent[] = [];
afterEach(() => { for (const a of running.splice(0)) a.child.kill('SIGKILL'); });

function startAgent(spool: string, port: number, prefix: string[] = [], extra: string[] = []): Agent {
  const argv = [...prefix, process.execPath, agentBundle, '--server', `http://127.0.0.1:${port}`, '--interval', '1', '--spool-dir', spool, '--host-name', 'locked-host', ...extra];
  const child = spawn(argv[0]!, argv.slice(1), { env: { ...process.env, HEADROOM_TOKEN: 't' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
  const agent = { child, log: () => log, exited: new Promise<number | null>((r) => child.once('exit', (code) => r(code))) };
  running.push(agent);
  return agent;
}

const lockOf = (spool: string) => JSON.parse(readFileSync(path.join(spool, LOCK_FILE), 'utf8')) as LockHolder;
const started = (a: { log: () => string }) => a.log().includes('reporting to');

describe('the spool lock', () => {
  it('refuses a second agent on the same folder, naming the folder and the first agent', async () => {
    const spool = mkdtempSync(path.join(os.tmpdir(), 'hr-lock-'));
    const port = await freePort();
    const first = startAgent(spool, port);
    await until('the first agent running', () => started(first));
    expect(lockOf(spool).pid).toBe(first.child.pid);
    for (const extra of [[], ['--once']]) {
      const second = startAgent(spool, port, [], extra);
      expect(await second.exited).toBe(1);
      expect(second.log()).toContain(`cannot start: the spool folder ${spool} is in use by another headroom-agent (pid ${first.child.pid})`);
      expect(second.log()).toContain('give this one its own --spool-dir');
      expect(started(second)).toBe(false);
    }
    // Stopped cleanly, the first leaves no lock behind.
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(path.join(spool, LOCK_FILE))).toBe(false);
  });

  it('takes over the lock of an agent that was killed', async () => {
    const spool = mkdtempSync(path.join(os.tmpdir(), 'hr-lock-'));
    const port = await freePort();
    const killed = startAgent(spool, port);
    await until('the agent running', () => started(killed));
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(lockOf(spool).pid).toBe(killed.child.pid);
    const next = startAgent(spool, port);
    await until('the next agent running', () => started(next));
    expect(next.log()).toContain(`took over the lock of pid ${killed.child.pid}, which no longer runs`);
    expect(lockOf(spool).pid).toBe(next.child.pid);
  });

  it('lets exactly one of several agents starting together take a stale lock', async () => {
    const port = await freePort();
    for (let round = 0; round < 3; round++) {
      const spool = mkdtempSync(path.join(os.tmpdir(), 'hr-lock-'));
      writeFileSync(path.join(spool, LOCK_FILE), JSON.stringify({ ...currentHolder(), start: '1' }));
      const agents = Array.from({ length: 4 }, () => startAgent(spool, port));
      await until('three refused', () => agents.filter((a) => a.child.exitCode === 1).length === 3);
      const winner = agents.find((a) => a.child.exitCode === null)!;
      await until('the fourth running', () => started(winner));
      expect(lockOf(spool).pid).toBe(winner.child.pid);
      for (const a of agents) a.child.kill('SIGKILL');
    }
  });

  it('refuses an agent in another PID namespace while the holder keeps its lock fresh', async () => {
    const spool = mkdtempSync(path.join(os.tmpdir(), 'hr-lock-'));
    const port = await freePort();
    const host = startAgent(spool, port);
    await until('the agent running', () => started(host));
    // Its pid means nothing in there: the lock's freshness speaks for it.
    const inside = startAgent(spool, port, ['unshare', '--pid', '--fork', '--mount-proc']);
    expect(await inside.exited).toBe(1);
    expect(inside.log()).toContain(`(pid ${host.child.pid} in another PID namespace)`);
  });
});

describe('lockSpool', () => {
  const dirWith = (holder: LockHolder) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-lock-'));
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(holder));
    return dir;
  };

  it('refuses a lock whose holder runs', () => {
    expect(() => lockSpool(dirWith(currentHolder()))).toThrow(SpoolLocked);
  });

  it('takes over a lock whose pid now belongs to another process, or that is from before a reboot', () => {
    const me = currentHolder();
    for (const stale of [{ ...me, start: '1' }, { ...me, boot: 'another-boot' }, { ...me, pid: 2 ** 22 + 1 }]) {
      const dir = dirWith(stale);
      const lock = lockSpool(dir);
      expect(lock.tookOver).toEqual(stale);
      expect(lockOf(dir)).toEqual(me);
      lock.release();
      expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    }
  });

  it('takes over a lock left half-written or unreadable', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-lock-'));
    writeFileSync(path.join(dir, LOCK_FILE), '');
    const lock = lockSpool(dir);
    expect(lock.tookOver).toBeNull();
    expect(lockOf(dir).pid).toBe(process.pid);
    lock.release();
  });
});
