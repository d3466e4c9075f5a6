// `headroom serve` (npm start): database, migrations, the Next.js server and
// an agent for this machine, as one supervised group that stops together.
import { spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AGENT_NODE_OPTIONS } from '../../agent/node-flags';
import { applyMigrations, localAgentToken, openDatabase, runningEmbeddedUrl, sealPlainSecrets, serveEmbedded, type Embedded } from '../ops';
import { dataDir, env } from '../server/env';
import { processKeyRing } from '../server/secrets/key-ring';
import { buildIsStale } from './build-check';
import { cliArgs, stopWithParent } from './node-args';
import { waitForHealth } from './wait-for-health';

// Nice 10: the worker gets about a tenth of a contended core, and all of an idle one.
const WORKER_NICENESS = 10;
// Children stop within seconds of SIGTERM (the web server gives requests 3 s); one that does not is killed.
const CHILD_STOP_MS = 10_000;

const root = process.cwd();
const say = (msg: string) => process.stdout.write(`headroom: ${msg}\n`);

export async function serveCommand(): Promise<void> {
  const e = env();
  const dir = dataDir(e);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let embedded: Embedded | null = null;
  if (!e.DATABASE_URL) {
    const other = runningEmbeddedUrl(dir);
    if (other) throw new Error(`another headroom server is already serving ${dir}`);
    embedded = await serveEmbedded(dir, { privateUmask: true });
    say(`embedded database in ${path.join(dir, 'pgdata')}`);
  }
  const url = e.DATABASE_URL ?? embedded!.url;
  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
    const exited = running.map((c) => new Promise((r) => c.once('exit', r)));
    for (const c of running) c.kill('SIGTERM');
    const kill = setTimeout(() => { for (const c of running) c.kill('SIGKILL'); }, CHILD_STOP_MS);
    await Promise.all(exited);
    clearTimeout(kill);
    await embedded?.close();
    process.exit(code);
  };
  // SIGHUP too: bin/headroom.mjs forwards it, and its default would end this
  // process without stopping the children or closing the database.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void stop(0));
  /** Starts a node child that stops with this process: on its stop, or on its death. */
  const start = (args: string[], o: { stdio: StdioOptions; env: NodeJS.ProcessEnv }) => {
    const child = spawn(process.execPath, [...stopWithParent, ...args], o);
    children.push(child);
    return child;
  };
  try {
    const migrated = await applyMigrations(url);
    if (migrated.applied.length) say(`applied migrations: ${migrated.applied.join(', ')}`);
    for (const m of migrated.modified) say(`warning: migration ${m} was edited after it was applied`);
    // The embedded install's key is made here, before any child needs it; the
    // worker, given DATABASE_URL (the socket), would not look in the data folder.
    const ring = processKeyRing(e);
    const secretKey = ring.current && !e.HEADROOM_SECRET_KEY ? { HEADROOM_SECRET_KEY: ring.current.key.toString('base64') } : {};
    const sealing = openDatabase(url);
    const sealed = await sealPlainSecrets(sealing, ring)
      .catch((err: Error) => `warning: channel secrets saved in plain text were not sealed: ${err.message}`)
      .finally(() => sealing.$disconnect());
    if (sealed) say(sealed);

    const nextBin = path.join(root, 'node_modules/next/dist/bin/next');
    // NODE_ENV=production (the server image) serves the build it has: an
    // install without devDependencies cannot type-check a new one.
    const release = e.NODE_ENV === 'production' && existsSync(path.join(root, '.next/BUILD_ID'));
    const stale = buildIsStale(root);
    if (release && stale) {
      say('warning: sources are newer than the dashboard build; NODE_ENV=production serves the build as is');
    } else if (stale) {
      say('building the dashboard (first start or sources changed)…');
      // Not spawnSync: a stop asked for during a build of minutes must be heard.
      const build = start([nextBin, 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
      const status = await new Promise((r) => build.once('exit', r));
      if (stopping) return;
      if (status !== 0) throw new Error('next build failed');
    }
    const childEnv = { ...process.env, ...secretKey, HEADROOM_DATA_DIR: dir, NEXT_TELEMETRY_DISABLED: '1' };
    // Background work (alert evaluation over every host, rollups) runs in its own
    // process: in the web server's it stalled ingest answers for hundreds of
    // milliseconds at 10,000 hosts (p99 404 ms against 30 ms, docs/scaling.md).
    if (e.HEADROOM_WORKER) {
      const worker = start(cliArgs('worker'), { stdio: ['ignore', 'ignore', 'inherit'], env: { ...childEnv, DATABASE_URL: url } });
      worker.on('exit', (code) => void stop(code ?? 1));
      // Background work yields the cores to answering agents: an evaluation over
      // 10,000 hosts is a burst of CPU that otherwise showed as ingest's p99.
      if (worker.pid !== undefined) try { os.setPriority(worker.pid, WORKER_NICENESS); } catch { /* not permitted: run at equal priority */ }
    }
    const web = start([path.join(root, 'bin/web.mjs')], {
      stdio: 'inherit', env: { ...childEnv, PORT: String(e.PORT), HOSTNAME: e.HOSTNAME, HEADROOM_WORKER: '0' },
    });
    web.on('exit', (code) => void stop(code ?? 1));
    const base = `http://127.0.0.1:${e.PORT}`;
    await waitForHealth(base, web, { timeoutMs: 60_000, what: 'the web server' });
    say(`dashboard: http://localhost:${e.PORT}`);

    if (e.HEADROOM_LOCAL_AGENT) {
      const agentFile = path.join(root, 'agent/dist/headroom-agent.js');
      if (!existsSync(agentFile)) spawnSync(process.execPath, [path.join(root, 'scripts/build-agent.mjs')], { stdio: 'inherit' });
      const db = openDatabase(url);
      const token = await localAgentToken(db, dir).finally(() => db.$disconnect());
      // The token goes through the environment: argv is visible to every user in ps.
      const agent = start([agentFile, '--server', base, '--interval', String(e.HEADROOM_LOCAL_AGENT_INTERVAL), '--spool-dir', path.join(dir, 'agent-spool')], {
        stdio: 'inherit', env: { ...process.env, HEADROOM_TOKEN: token, NODE_OPTIONS: AGENT_NODE_OPTIONS },
      });
      agent.on('exit', (code) => { if (!stopping) say(`local agent exited (code ${code}); the dashboard keeps running`); });
      say(`local agent reporting every ${e.HEADROOM_LOCAL_AGENT_INTERVAL}s (HEADROOM_LOCAL_AGENT=0 turns it off)`);
    }
  } catch (err) {
    process.stderr.write(`headroom: ${(err as Error).message}\n`);
    await stop(1);
  }
}
