// Real server processes for the scale benchmark: `headroom serve` exactly as
// users run it (Next.js production server; for PGlite, the embedded database
// in the supervising process), on a database of the benchmark's choosing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { postgresAdminUrl } from '../../lib/testing/databases';

const root = path.resolve(import.meta.dirname, '../..');

export interface Served { url: string; env: NodeJS.ProcessEnv; stop(): Promise<void> }

export async function serve(dbEnv: Record<string, string>, port: number): Promise<Served> {
  const env = {
    ...process.env, ...dbEnv, PORT: String(port), HOSTNAME: '127.0.0.1', HEADROOM_LOCAL_AGENT: '0', NEXT_TELEMETRY_DISABLED: '1',
  };
  const child: ChildProcess = spawn(process.execPath, ['bin/headroom.mjs', 'serve'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited during start-up`);
    try { if ((await fetch(`${url}/api/health`)).ok) break; } catch { /* starting */ }
    if (i > 1200) throw new Error(`server on ${port} did not start`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url, env,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

export function createToken(env: NodeJS.ProcessEnv, scope: 'ingest' | 'read'): string {
  const r = spawnSync(process.execPath, ['bin/headroom.mjs', 'token', 'create', '--name', `bench-${scope}-${Date.now()}`, '--scope', scope], { cwd: root, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`token create failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** A new, empty database on the Postgres server (migrated by the first `serve`). */
export async function freshDatabase(name: string): Promise<string> {
  const c = new pg.Client({ connectionString: postgresAdminUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(postgresAdminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function dropDatabase(name: string): Promise<void> {
  const c = new pg.Client({ connectionString: postgresAdminUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
}
