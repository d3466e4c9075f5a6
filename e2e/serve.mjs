// Starts `headroom serve` for the browser tests on a fresh database:
//   node e2e/serve.mjs embedded|postgres PORT
// embedded: a new data folder; postgres: a new database on the local server, dropped on exit.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { oidcEnv } from './sso-config.mjs';

const [mode, port] = process.argv.slice(2);
const env = { ...process.env, PORT: port, HEADROOM_LOCAL_AGENT_INTERVAL: '2', HOSTNAME: '127.0.0.1', HEADROOM_EVALUATE_INTERVAL: '1', HEADROOM_ALERT_GROUP_WAIT: '0', HEADROOM_CHANNEL_ALLOW: '127.0.0.1', ...oidcEnv(port) };
let cleanup = async () => {};
if (mode === 'postgres') {
  const admin = process.env.HEADROOM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `headroom_e2e_${process.pid}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  env.DATABASE_URL = u.toString();
  // A Postgres server seals channel secrets only with a key from its environment.
  env.HEADROOM_SECRET_KEY ??= randomBytes(32).toString('base64');
  // Two web processes on one port, as a multi-core deployment runs: every
  // browser test on this server crosses between them.
  env.HEADROOM_WEB_PROCESSES = '2';
  env.HEADROOM_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'hr-e2e-pg-'));
  cleanup = async () => {
    const d = new pg.Client({ connectionString: admin });
    await d.connect();
    await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await d.end();
  };
} else {
  env.HEADROOM_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'hr-e2e-'));
}
// Tests that run the CLI next to this server read where its database is from here.
mkdirSync('e2e/.state', { recursive: true });
writeFileSync(`e2e/.state/${port}.json`, JSON.stringify({ HEADROOM_DATA_DIR: env.HEADROOM_DATA_DIR, ...(env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL, HEADROOM_SECRET_KEY: env.HEADROOM_SECRET_KEY } : {}) }));
const child = spawn(process.execPath, ['bin/headroom.mjs', 'serve'], { stdio: 'inherit', env });
const stop = () => child.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', async (code) => {
  await cleanup().catch(() => {});
  rmSync(env.HEADROOM_DATA_DIR, { recursive: true, force: true });
  process.exit(code ?? 0);
});
