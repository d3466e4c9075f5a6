// `npm run simulate` beside a running `npm start`: the simulator's own server
// takes its own port and, by default, its own data folder, even when the
// environment points HEADROOM_DATA_DIR at the running server's.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForHealth } from '../lib/cli/wait-for-health';
import { createDb } from '../lib/server/db/client';
import { runningEmbeddedUrl } from '../lib/server/db/embedded';
import { ensureDashboardBuild, root } from '../lib/testing/build';
import { collect } from '../lib/testing/child';
import { freePort } from '../lib/testing/ports';

describe('the simulator beside a running server', () => {
  let home: string;
  let dataDir: string;
  let server: ChildProcess;
  let serverPort: number;
  const env = () => ({ ...process.env, HEADROOM_DATA_DIR: dataDir, DATABASE_URL: undefined, NODE_ENV: 'production' as const, NEXT_TELEMETRY_DISABLED: '1' });

  /** `npm run simulate -- ARGS` run from the checkout's folder. */
  const simulate = (args: string[]) => collect(spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'scripts/simulate.ts'), ...args], {
    cwd: home, env: env(), stdio: ['ignore', 'pipe', 'pipe'],
  }));

  beforeAll(async () => {
    ensureDashboardBuild();
    // A checkout's folder: the server's data in .headroom, as npm start keeps it.
    home = mkdtempSync(path.join(os.tmpdir(), 'hr-sim-'));
    dataDir = path.join(home, '.headroom');
    serverPort = await freePort();
    server = spawn(process.execPath, ['bin/headroom.mjs', 'serve'], {
      cwd: root, env: { ...env(), PORT: String(serverPort), HOSTNAME: '127.0.0.1', HEADROOM_LOCAL_AGENT: '0' }, stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitForHealth(`http://127.0.0.1:${serverPort}`, server, { timeoutMs: 120_000, what: 'the server' });
  }, 600_000);

  afterAll(async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(home, { recursive: true, force: true });
  });

  it('runs a small fleet on its own port and data folder, leaving the server\'s database alone', async () => {
    const r = await simulate(['--hosts', '4', '--interval', '1', '--duration', '4', '--port', String(await freePort())]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const live = /live: (\d+) of (\d+) reports accepted/.exec(r.stdout);
    expect(live, r.stdout).not.toBeNull();
    expect(Number(live![1])).toBeGreaterThan(0);
    expect(live![1]).toBe(live![2]);
    expect(existsSync(path.join(home, '.headroom/simulate/pgdata'))).toBe(true);
    // The running server kept its database, and no simulated host is in it.
    const db = createDb(runningEmbeddedUrl(dataDir)!);
    try {
      expect(await db.host.count()).toBe(0);
    } finally {
      await db.$disconnect();
    }
  }, 300_000);

  it('refuses a port in use (the server\'s), and unknown flags', async () => {
    const typo = await simulate(['--host', '4']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('unknown flag --host; did you mean --hosts?');
    const taken = await simulate(['--hosts', '1', '--port', String(serverPort)]);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toMatch(/port \d+ is in use/);
  }, 120_000);
});
