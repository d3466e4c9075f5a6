// Failures caught as they happen, against the live kernel: a running agent with
// its own trace instance, programs made to fail for real, the reports it sends.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FailureCount, Report } from '../lib/protocol';
import { setDbForTests } from '../lib/server/db/client';
import { createToken } from '../lib/access';
import { openTestDatabase, type TestDatabase } from '../lib/testing/databases';
import { postReport } from '../lib/testing/http';
import { atOnce } from '../lib/testing/alerting';
import { evaluateAlerts } from '../lib/alerts';
import { hostFailuresAnswer } from '../lib/history';
import { hostPage } from '../lib/views';
import { instanceName } from './failures/instance-name';
import { compileFailer, startFailer, type Failer } from './testdata/failer';
import { startRunningAgent, stopReceiver, type RunningAgent } from './testdata/running-agent';
import { sweepStaleInstancesAfterAll } from './testdata/stale-instances';
import { agentBundle } from './testdata/holder';

sweepStaleInstancesAfterAll();

const TRACEFS = '/sys/kernel/tracing';
const UID = 4242;

const rowsOf = (reports: Report[], pid: number): FailureCount[] => reports.flatMap((r) => r.failures?.counts ?? []).filter((c) => c.pid === pid);
const countOf = (reports: Report[], pid: number, call: string, errno: string) =>
  rowsOf(reports, pid).filter((c) => c.call === call && c.errno === errno).reduce((n, c) => n + c.count, 0);
const captureOn = (r: Report) => r.failures?.capture === 'on';

describe('failure capture with a running agent', () => {
  let bin: string;
  let agent: RunningAgent;
  const failers: Failer[] = [];
  // A process held at its fd limit would turn this whole machine critical for other tests: each closes at once.
  const failer = async (o: Parameters<typeof startFailer>[1]) => {
    const f = await startFailer(bin, o);
    failers.push(f);
    return f;
  };

  beforeAll(async () => {
    bin = compileFailer();
    agent = await startRunningAgent();
    await agent.next('a report with capture on', captureOn);
  });
  afterAll(async () => {
    for (const f of failers) f.close();
    await agent?.stop();
    await stopReceiver();
  });

  it('catches buildkitd failing inotify_init1 with EMFILE in a user namespace with max_inotify_instances lowered', async () => {
    const f = await failer({ userns: { uid: UID, maxInstances: 8 } });
    expect(await f.send('inotify')).toBe('EMFILE 8');
    const r = await agent.next('the EMFILE of inotify_init1', (x) => countOf([x], f.pid, 'inotify_init1', 'EMFILE') > 0);
    expect(rowsOf([r], f.pid)).toEqual([{ call: 'inotify_init1', errno: 'EMFILE', program: 'buildkitd', pid: f.pid, uid: UID, containerId: null, containerName: null, count: 1 }]);
    const sample = r.failures!.samples.find((s) => s.pid === f.pid)!;
    expect(sample).toMatchObject({ call: 'inotify_init1', errno: 'EMFILE', program: 'buildkitd', uid: UID });
    // Its time is when it failed: within this report's window.
    expect(Date.parse(sample.at)).toBeGreaterThanOrEqual(Date.parse(r.failures!.since) - 50);
    expect(Date.parse(sample.at)).toBeLessThanOrEqual(Date.parse(r.collectedAt) + 50);
    // Today's server takes the report carrying it, and its API, host page and a firing alert name the program and errno.
    const t: TestDatabase = await openTestDatabase('pglite');
    setDbForTests(t.db);
    try {
      const { token } = await createToken(t.db, { name: 'failures', scope: 'ingest' });
      const res = await postReport(r, token);
      expect(res.status).toBe(202);
      const { hostId } = (await res.json()) as { hostId: string };
      const api = await hostFailuresAnswer(t.db, hostId, new Date(Date.now() - 3600_000), new Date(Date.now() + 60_000));
      expect(api.failures.find((x) => x.pid === f.pid)).toMatchObject({ call: 'inotify_init1', errno: 'EMFILE', program: 'buildkitd', uid: UID, limit: 'inotifyInstances' });
      const page = (await hostPage({ id: 'u', name: 'admin', role: 'admin' }, hostId, {}))!;
      expect(page.failures.events.map((e) => `${e.program} ${e.call} ${e.errno}`)).toContain('buildkitd inotify_init1 EMFILE');
      expect(page.charts.failures.map((e) => e.label)).toContain('buildkitd: inotify_init1 → EMFILE');
      await evaluateAlerts(t.db, { ...atOnce, now: new Date(Date.parse(r.collectedAt) + 5000) });
      const alert = await t.db.alert.findFirstOrThrow({ where: { dimension: 'failures', state: 'firing' } });
      expect(alert.severity).toBe('critical');
      expect(alert.subject).toMatch(/^buildkitd \(pid \d+, uid 4242.*\) inotify_init1 → EMFILE/);
    } finally {
      setDbForTests(undefined);
      await t.close();
    }
  });

  it('catches inotify_add_watch failing with ENOSPC under a lowered max_inotify_watches', async () => {
    const f = await failer({ userns: { uid: UID, maxWatches: 5 } });
    expect(await f.send('watch')).toBe('ENOSPC 5');
    const r = await agent.next('the ENOSPC of inotify_add_watch', (x) => countOf([x], f.pid, 'inotify_add_watch', 'ENOSPC') > 0);
    expect(rowsOf([r], f.pid)).toMatchObject([{ call: 'inotify_add_watch', errno: 'ENOSPC', program: 'buildkitd', uid: UID, count: 1 }]);
  });

  it('catches openat failing with EMFILE under a lowered ulimit -n, every failure counted', async () => {
    const f = await failer({ nofile: 16 });
    const [errno, , failed] = (await f.send('open 9')).split(' ');
    await f.send('close');
    expect([errno, failed]).toEqual(['EMFILE', '10']);
    await agent.next('ten EMFILEs of openat', () => countOf(agent.reports, f.pid, 'openat', 'EMFILE') >= 10);
    expect(countOf(agent.reports, f.pid, 'openat', 'EMFILE')).toBe(10);
    expect(rowsOf(agent.reports, f.pid).every((c) => c.program === 'buildkitd' && c.uid === 0)).toBe(true);
  });

  it('passes only failures through the kernel filter: thousands of successful openat calls deliver nothing', async () => {
    const f = await failer({ nofile: 64 });
    const from = agent.reports.length;
    expect(await f.send('ok 20000')).toBe('ok 20000');
    // Then three failures from the same process, the proof that it is being watched.
    expect((await f.send('open 2')).split(' ')[0]).toBe('EMFILE');
    await f.send('close');
    await agent.next('its three failures', () => countOf(agent.reports, f.pid, 'openat', 'EMFILE') >= 3);
    const window = agent.reports.slice(from);
    expect(rowsOf(window, f.pid)).toEqual([expect.objectContaining({ call: 'openat', errno: 'EMFILE', count: 3 })]);
    // Whatever else the agent read in that time was some other process's real failure (this machine is shared), never a success.
    for (const r of window) {
      const itemised = r.failures!.counts.reduce((n, c) => n + c.count, 0);
      expect(r.failures!.total).toBe(itemised);
    }
  });
});

describe('a burst of failures past the trace buffer', () => {
  it('is counted, not silently lost: reported + dropped covers every failure, and drops are said', async () => {
    const bin = compileFailer();
    const agent = await startRunningAgent({ env: { HEADROOM_TRACE_BUFFER_KB: '4' } });
    const f = await startFailer(bin, { nofile: 16 });
    try {
      await agent.next('capture on', captureOn);
      const burst = 200_000;
      const [, , failed] = (await f.send(`open ${burst - 1}`)).split(' ');
      await f.send('close');
      expect(Number(failed)).toBe(burst);
      const seen = () => countOf(agent.reports, f.pid, 'openat', 'EMFILE');
      const dropped = () => agent.reports.reduce((n, r) => n + (r.failures?.dropped ?? 0), 0);
      await agent.next('every failure read or counted as dropped', () => seen() + dropped() >= burst, 60_000);
      expect(dropped()).toBeGreaterThan(0);
      expect(seen()).toBeGreaterThan(0);
      expect(seen()).toBeLessThan(burst);
    } finally {
      f.close();
      await agent.stop();
      await stopReceiver();
    }
  });
});

describe('the trace instance', () => {
  const instances = () => readdirSync(path.join(TRACEFS, 'instances'));
  const entries = (name: string) =>
    readdirSync(path.join(TRACEFS, 'instances', name, 'per_cpu')).reduce((n, cpu) =>
      n + Number(/^entries: (\d+)$/m.exec(readFileSync(path.join(TRACEFS, 'instances', name, 'per_cpu', cpu, 'stats'), 'utf8'))![1]), 0);

  it('is removed on SIGTERM, left by kill -9 and replaced at the next start: one instance, capture working', async () => {
    const bin = compileFailer();
    const spoolDir = mkdtempSync(path.join(os.tmpdir(), 'hr-trace-'));
    const name = instanceName(spoolDir);
    const first = await startRunningAgent({ spoolDir });
    await first.next('capture on', captureOn);
    expect(instances()).toContain(name);
    expect(await first.stop('SIGKILL')).toBe(null);
    // Left behind, still tracing: a failure now lands in its buffer and is never read. An open
    // file keeps agents of other tests, which sweep dead agents' instances, off it meanwhile.
    expect(instances().filter((i) => i === name)).toHaveLength(1);
    const hold = openSync(path.join(TRACEFS, 'instances', name, 'trace'), 'r');
    const f = await startFailer(bin, { nofile: 16 });
    try {
      expect((await f.send('open 0')).split(' ')[0]).toBe('EMFILE');
      await f.send('close');
      expect(entries(name)).toBeGreaterThanOrEqual(1);
      closeSync(hold);
      const second = await startRunningAgent({ spoolDir });
      const r = await second.next('capture on after the restart', captureOn);
      expect(r.failures!.capture).toBe('on');
      expect(instances().filter((i) => i.startsWith(name))).toEqual([name]);
      expect(entries(name)).toBe(0); // a fresh instance, not the stale one read on
      expect((await f.send('open 4')).split(' ')[0]).toBe('EMFILE');
      await f.send('close');
      await second.next('the new failures', () => countOf(second.reports, f.pid, 'openat', 'EMFILE') >= 5);
      expect(countOf(second.reports, f.pid, 'openat', 'EMFILE')).toBe(5); // not the one made while no agent ran
      expect(await second.stop('SIGTERM')).toBe(0);
      expect(existsSync(path.join(TRACEFS, 'instances', name))).toBe(false);
    } finally {
      try { closeSync(hold); } catch { /* closed above */ }
      f.close();
      await stopReceiver();
    }
  });
});

describe('an agent whose supervisor is gone', () => {
  it('stops cleanly on SIGTERM though its log pipe has no reader, removing its trace instance', async () => {
    const spoolDir = mkdtempSync(path.join(os.tmpdir(), 'hr-trace-'));
    const name = instanceName(spoolDir);
    // As under `headroom serve` killed by SIGKILL: stdout and stderr pipes whose reader died.
    const child = spawn(process.execPath, [agentBundle, '--server', 'http://127.0.0.1:9', '--token', 'x', '--interval', '1', '--spool-dir', spoolDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let seen = '';
      await new Promise<void>((resolve, reject) => {
        child.stderr!.on('data', (b: Buffer) => { seen += b.toString(); if (seen.includes('failure capture on')) resolve(); });
        child.once('exit', () => reject(new Error(`exited early: ${seen}`)));
      });
      child.stdout!.destroy();
      child.stderr!.destroy();
      await new Promise((r) => setTimeout(r, 1500)); // a log line or two meets the closed pipe
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running after 8 s'), 8000))])).toBe(0);
      expect(existsSync(path.join(TRACEFS, 'instances', name))).toBe(false);
    } finally {
      child.kill('SIGKILL');
      rmSync(spoolDir, { recursive: true, force: true });
    }
  });
});

describe('instances agents left behind', () => {
  const exists = (name: string) => existsSync(path.join(TRACEFS, 'instances', name));

  it('are removed by the next agent to start, whatever its spool, while a running agent\'s stays and keeps capturing', async () => {
    const bin = compileFailer();
    const live = await startRunningAgent();
    const dead = await startRunningAgent();
    const f = await startFailer(bin, { nofile: 16 });
    try {
      await live.next('capture on', captureOn);
      await dead.next('capture on', captureOn);
      await dead.stop('SIGKILL');
      expect(exists(instanceName(dead.spoolDir))).toBe(true);
      const next = await startRunningAgent();
      await next.next('capture on', captureOn);
      // Gone (this agent, or one another test started meanwhile, removed it); the live one's kept.
      expect(exists(instanceName(dead.spoolDir))).toBe(false);
      expect(exists(instanceName(live.spoolDir))).toBe(true);
      expect((await f.send('open 0')).split(' ')[0]).toBe('EMFILE');
      await f.send('close');
      await live.next('the running agent still sees failures', () => countOf(live.reports, f.pid, 'openat', 'EMFILE') === 1);
      expect(await next.stop('SIGINT')).toBe(0);
      expect(exists(instanceName(next.spoolDir))).toBe(false); // Ctrl-C removes it too
    } finally {
      f.close();
      await live.stop();
      await stopReceiver();
    }
  });
});

describe('where capture is not possible, the report says why', () => {
  afterAll(() => stopReceiver());
  const asUser = (...caps: string[]) => ['setpriv', `--reuid=${UID}`, `--regid=${UID}`, '--clear-groups',
    ...(caps.length ? [`--inh-caps=${caps.map((c) => `+${c}`).join(',')}`, `--ambient-caps=${caps.map((c) => `+${c}`).join(',')}`] : [])];
  const userSpool = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-user-'));
    chownSync(dir, UID, UID);
    return dir;
  };
  async function firstFailures(run: Parameters<typeof startRunningAgent>[0]) {
    const agent = await startRunningAgent(run);
    try {
      return { failures: (await agent.next('a first report', () => true)).failures!, log: agent.log() };
    } finally {
      await agent.stop();
    }
  }

  it('turned off by --no-failure-capture or HEADROOM_FAILURE_CAPTURE=0: "disabled"', async () => {
    for (const run of [{ args: ['--no-failure-capture'] }, { env: { HEADROOM_FAILURE_CAPTURE: '0' } }]) {
      const { failures } = await firstFailures(run);
      expect(failures).toMatchObject({ capture: 'off', reason: 'disabled', total: 0, dropped: 0, counts: [], samples: [] });
      expect(failures.message).toMatch(/--no-failure-capture/);
    }
  });

  it('not root: "not-permitted", naming what would allow it; with CAP_DAC_OVERRIDE (the unit\'s opt-in) it works', async () => {
    const { failures, log } = await firstFailures({ prefix: asUser(), spoolDir: userSpool() });
    expect(failures).toMatchObject({ capture: 'off', reason: 'not-permitted' });
    expect(failures.message).toMatch(/root.*CAP_DAC_OVERRIDE/);
    expect(log).toMatch(/failure capture off: not-permitted/);
    const granted = await firstFailures({ prefix: asUser('dac_override'), spoolDir: userSpool() });
    expect(granted.failures).toMatchObject({ capture: 'on', reason: null });
  });

  it('root with every capability dropped (the DaemonSet keeps two) captures: tracefs asks only for root\'s files', async () => {
    const { failures } = await firstFailures({ prefix: ['setpriv', '--inh-caps=-all', '--bounding-set=-all'] });
    expect(failures).toMatchObject({ capture: 'on', reason: null });
  });

  it('mounts tracefs where it is absent when root, says "no-tracefs" when it may not, "read-only" on a read-only mount', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'hr-tracefs-'));
    const ro = mkdtempSync(path.join(os.tmpdir(), 'hr-tracefs-ro-'));
    try {
      const mounted = await firstFailures({ env: { HEADROOM_TRACEFS: empty } });
      expect(mounted.failures).toMatchObject({ capture: 'on', reason: null });
      expect(readFileSync('/proc/self/mounts', 'utf8')).toContain(` ${empty} tracefs `);
      execFileSync('umount', [empty]);

      const unmountable = await firstFailures({ prefix: asUser(), spoolDir: userSpool(), env: { HEADROOM_TRACEFS: empty } });
      expect(unmountable.failures).toMatchObject({ capture: 'off', reason: 'no-tracefs' });
      expect(unmountable.failures.message).toContain(`mount -t tracefs nodev ${empty}`);

      // A read-only view of the same tracefs, as a container's read-only /sys gives (a bind: the host's stays read-write).
      execFileSync('mount', ['--bind', TRACEFS, ro]);
      execFileSync('mount', ['-o', 'remount,bind,ro', ro]);
      const readOnly = await firstFailures({ env: { HEADROOM_TRACEFS: ro } });
      expect(readOnly.failures).toMatchObject({ capture: 'off', reason: 'read-only' });
    } finally {
      for (const dir of [empty, ro]) {
        try { execFileSync('umount', [dir], { stdio: 'ignore' }); } catch { /* not mounted */ }
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
