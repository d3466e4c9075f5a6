// `headroom serve` and `npm start` stop whole when their own pid is signalled
// (not the process group, as Ctrl-C would), and a killed process leaves no
// child behind: found in /proc by the test's data folder in their environment.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureDashboardBuild, root } from '../testing/build';
import { freePort, portIsFree } from '../testing/ports';
import { processesWithEnv, type Proc } from '../testing/procs';
import { until } from '../testing/wait';

interface Started { how: 'headroom serve' | 'npm start'; launcher: ChildProcess; dir: string; port: number; procs: () => Proc[]; log: () => string }
let current: Started | null = null;

beforeAll(ensureDashboardBuild, 600_000);

afterEach(() => {
  if (!current) return;
  for (const p of current.procs()) try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ }
  rmSync(current.dir, { recursive: true, force: true });
  current = null;
});

type Role = 'serve' | 'worker' | 'web' | 'agent' | 'other';
const role = (p: Proc): Role => p.cmdline.includes('main.ts serve') ? 'serve' : p.cmdline.includes('main.ts worker') ? 'worker'
  : p.cmdline.includes('bin/web.mjs') ? 'web' : p.cmdline.includes('headroom-agent.js') ? 'agent' : 'other';

/** Starts the server by `how` and waits until the web, worker and local agent all run. */
async function start(how: Started['how'], webProcesses: number): Promise<Started> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-stop-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env, HEADROOM_DATA_DIR: dir, PORT: String(port), HOSTNAME: '127.0.0.1', NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1',
    HEADROOM_LOCAL_AGENT: '1', HEADROOM_LOCAL_AGENT_INTERVAL: '5', HEADROOM_WEB_PROCESSES: String(webProcesses),
  };
  delete env.DATABASE_URL;
  const [cmd, ...args] = how === 'npm start' ? ['npm', 'start'] : [process.execPath, 'bin/headroom.mjs', 'serve'];
  const launcher: ChildProcess = spawn(cmd!, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  launcher.stdout?.on('data', (d: Buffer) => { out += d; });
  launcher.stderr?.on('data', (d: Buffer) => { out += d; });
  const procs = () => processesWithEnv(`HEADROOM_DATA_DIR=${dir}`);
  current = { how, launcher, dir, port, procs, log: () => out };
  const roles = () => procs().map(role);
  // One web process, or a parent and its `webProcesses` cluster workers.
  const webs = webProcesses > 1 ? webProcesses + 1 : 1;
  await until(`serve, worker, ${webs} web and the agent (${how})`, () => {
    if (launcher.exitCode !== null) throw new Error(`${how} exited:\n${out}`);
    const r = roles();
    return (['serve', 'worker', 'agent'] as const).every((x) => r.includes(x)) && r.filter((x) => x === 'web').length === webs;
  }, 120_000);
  expect((await fetch(`http://127.0.0.1:${port}/api/health`)).ok).toBe(true);
  return current;
}

/** Every process of the test's data folder gone within 15 s, and the port free. */
async function expectAllGone(s: Started): Promise<void> {
  await until('every process to exit', () => s.procs().length === 0, 15_000)
    .catch(() => { throw new Error(`still running:\n${s.procs().map((p) => `${p.pid} ${p.cmdline}`).join('\n')}\n${s.log()}`); });
  expect(await portIsFree(s.port)).toBe(true);
}

// `victim` serve is the process under bin/headroom.mjs that supervises the others:
// killed, it cannot stop them, nor close the database (so no clean stop expected).
const cases: { title: string; how: Started['how']; web: number; signal: NodeJS.Signals; victim: 'launcher' | 'serve' }[] = [
  { title: 'SIGTERM to `headroom serve` stops it whole, two web processes included', how: 'headroom serve', web: 2, signal: 'SIGTERM', victim: 'launcher' },
  { title: 'SIGINT to `headroom serve` stops it whole', how: 'headroom serve', web: 1, signal: 'SIGINT', victim: 'launcher' },
  { title: 'SIGHUP to `headroom serve` stops it whole', how: 'headroom serve', web: 1, signal: 'SIGHUP', victim: 'launcher' },
  { title: 'SIGKILL of `headroom serve` leaves no child behind', how: 'headroom serve', web: 1, signal: 'SIGKILL', victim: 'launcher' },
  { title: 'SIGKILL of the supervising process leaves no web, worker or agent behind', how: 'headroom serve', web: 2, signal: 'SIGKILL', victim: 'serve' },
  { title: 'SIGTERM to `npm start` stops it whole', how: 'npm start', web: 1, signal: 'SIGTERM', victim: 'launcher' },
  { title: 'SIGKILL of `npm start` leaves nothing behind', how: 'npm start', web: 1, signal: 'SIGKILL', victim: 'launcher' },
];

describe('stopping the server by its own pid', () => {
  for (const c of cases) it(c.title, async () => {
    const s = await start(c.how, c.web);
    const pid = c.victim === 'launcher' ? s.launcher.pid! : s.procs().find((p) => role(p) === 'serve')!.pid;
    process.kill(pid, c.signal);
    await expectAllGone(s);
    if (c.victim === 'launcher') expect(existsSync(path.join(s.dir, 'embedded.lock')), 'the embedded database was closed').toBe(false);
  }, 180_000);
});
