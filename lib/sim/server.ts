// A `headroom serve` process, exactly as users run it, for the simulator and
// the scale benchmark; and ingest or read tokens made with the real CLI.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { stopWithParent } from '../cli/node-args';
import { waitForHealth } from '../cli/wait-for-health';
import { portIsFree } from '../testing/ports';

const root = path.resolve(import.meta.dirname, '../..');

export interface Served { url: string; env: NodeJS.ProcessEnv; stop(): Promise<void> }

/** Starts `headroom serve` on `port` with `dbEnv` (DATABASE_URL or HEADROOM_DATA_DIR) and waits until it answers. */
export async function serve(dbEnv: Record<string, string | undefined>, port: number): Promise<Served> {
  // Else the health check below could be answered by whatever holds the port.
  if (!(await portIsFree(port))) throw new Error(`port ${port} is in use (another server, or another simulator?)`);
  // A simulated fleet sends from one address under one token: the per-address ingest limit is not for it.
  const env = {
    ...process.env, HEADROOM_INGEST_RATE: '10000', HEADROOM_INGEST_BURST: '100000', ...dbEnv, PORT: String(port), HOSTNAME: '127.0.0.1', HEADROOM_LOCAL_AGENT: '0', NEXT_TELEMETRY_DISABLED: '1',
  };
  const child: ChildProcess = spawn(process.execPath, [...stopWithParent, 'bin/headroom.mjs', 'serve'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, { timeoutMs: 600_000, what: `server on ${port}`, hint: 'a first start builds the dashboard' });
  return {
    url, env,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

export function createToken(env: NodeJS.ProcessEnv, scope: 'ingest' | 'read', name = `sim-${scope}-${Date.now()}`): string {
  // A simulated fleet is thousands of hosts on one token: past the default host limit.
  const limit = scope === 'ingest' ? ['--max-hosts', 'none'] : [];
  const r = spawnSync(process.execPath, ['bin/headroom.mjs', 'token', 'create', '--name', name, '--scope', scope, ...limit], { cwd: root, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`token create failed: ${r.stderr}`);
  return r.stdout.trim();
}

