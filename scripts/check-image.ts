// The server image's runtime stage, run without Docker (no engine on the CI
// machines): the built checkout copied as the Dockerfile's build stage holds it,
// pruned as it prunes, started with its CMD and environment as an unprivileged
// user, then used as a user would: a real agent reports, the CLI makes tokens,
// the fleet API lists the host, the worker runs as its own niced process, and
// a second start without DATABASE_URL comes up on the embedded database.
//   node --conditions=react-server --import tsx scripts/check-image.ts   (after `next build`; `npm test` runs it)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitForHealth } from '../lib/cli/wait-for-health';
import { createDatabase, dropDatabase } from '../lib/testing/databases';
import { freePort } from '../lib/testing/ports';

const root = path.resolve(import.meta.dirname, '..');
// What .dockerignore keeps out of the build context, and local leftovers the build stage never makes.
const notInImage = ['.git', 'test-results', 'e2e/.screens', 'e2e/.state', 'bench/out', '.headroom', 'tsconfig.tsbuildinfo'];
const NOBODY = 65534;

function sh(cmd: string, args: string[], o: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...o });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

// As the image's USER: a process that may write only where the image lets it.
const asUser = process.getuid?.() === 0 ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'] : [];

function imageEnv(app: string, port: number, extra: Record<string, string>): NodeJS.ProcessEnv {
  // The Dockerfile's ENV and nothing of this machine's but PATH.
  return { PATH: process.env.PATH, HOME: app, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), HOSTNAME: '127.0.0.1', HEADROOM_LOCAL_AGENT: '0', ...extra };
}

function cli(app: string, env: NodeJS.ProcessEnv, args: string[]): string {
  const [cmd, ...pre] = [...asUser, process.execPath];
  return sh(cmd!, [...pre, 'bin/headroom.mjs', ...args], { cwd: app, env }).trim();
}

async function start(app: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; log: () => string }> {
  const [cmd, ...pre] = [...asUser, process.execPath];
  const child = spawn(cmd!, [...pre, 'bin/headroom.mjs', 'serve'], { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  try {
    await waitForHealth(`http://127.0.0.1:${env.PORT}`, child, { timeoutMs: 120_000, what: 'the image\'s server' });
  } catch (err) {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}:\n${out}`);
  }
  return { child, log: () => out };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(t);
}

/** `pid` and every process below it, with niceness, resident memory and command line. */
function processTree(pid: number): { nice: number; rssKb: number; args: string }[] {
  // Niceness is "-" for real-time kernel threads: only the numbers matter here.
  const rows = sh('ps', ['-eo', 'pid=,ppid=,ni=,rss=,args=']).trim().split('\n').flatMap((l) => {
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(\d+)\s*(.*)$/.exec(l);
    return m ? [{ pid: Number(m[1]), ppid: Number(m[2]), nice: Number(m[3]), rssKb: Number(m[4]), args: m[5]! }] : [];
  });
  const out = rows.filter((r) => r.pid === pid);
  const walk = (p: number) => { for (const r of rows.filter((x) => x.ppid === p)) { out.push(r); walk(r.pid); } };
  walk(pid);
  return out;
}

function expect(ok: boolean, what: string): void {
  if (!ok) throw new Error(`image check failed: ${what}`);
  console.log(`ok: ${what}`);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'hr-image-'));
const app = path.join(tmp, 'app');
const dbName = `headroom_image_${process.pid}`;
let server: ChildProcess | undefined;
try {
  // The build stage: the checkout after npm ci and next build, then its prune.
  const excludes = notInImage.flatMap((p) => ['--exclude', `./${p}`]);
  sh('sh', ['-c', `mkdir -p "${app}" && tar -C "${root}" ${excludes.map((e) => `'${e}'`).join(' ')} -cf - . | tar -C "${app}" -xf -`]);
  sh('npm', ['prune', '--omit=dev', '--no-audit', '--no-fund'], { cwd: app });
  rmSync(path.join(app, '.next/cache'), { recursive: true, force: true });
  console.log(`image tree: ${sh('du', ['-sh', app]).split('\t')[0]} (node_modules ${sh('du', ['-sh', path.join(app, 'node_modules')]).split('\t')[0]})`);
  if (asUser.length) {
    // The runtime stage: WORKDIR /app (root's), COPY --chown=node (its contents
    // only), then the Dockerfile's own mkdir and chown of /app and its data folder.
    sh('chmod', ['755', tmp, app]);
    sh('sh', ['-c', `cd "${app}" && find . -mindepth 1 -exec chown -h ${NOBODY}:${NOBODY} {} +`]);
    const fix = /^RUN mkdir -p \/app\/\.headroom && chown node:node \/app \/app\/\.headroom && chmod 700 \/app\/\.headroom$/m.test(readFileSync(path.join(root, 'Dockerfile'), 'utf8'));
    if (fix) {
      mkdirSync(path.join(app, '.headroom'), { recursive: true });
      sh('chown', [`${NOBODY}:${NOBODY}`, app, path.join(app, '.headroom')]);
      sh('chmod', ['700', path.join(app, '.headroom')]);
    }
  }

  // Postgres, as docker-compose runs it.
  const url = await createDatabase(dbName);
  const port = await freePort();
  const env = imageEnv(app, port, { DATABASE_URL: url });
  const started = await start(app, env);
  server = started.child;
  expect(!/building the dashboard|newer than the dashboard build/.test(started.log()), 'starts from the image\'s own build, current and not rebuilt');
  const kids = processTree(server.pid!);
  const worker = kids.find((k) => k.args.includes('lib/cli/main.ts worker'));
  expect(worker !== undefined && worker.nice === 10, 'runs the worker as its own process at nice 10');
  expect(kids.some((k) => k.args.includes('bin/web.mjs')), 'serves through bin/web.mjs (the lean ingest endpoint)');
  expect(!kids.some((k) => k.args.includes('headroom-agent')), 'runs no local agent inside the container');
  // deploy/k8s/server.yaml limits the container to 1 GiB.
  const rssMb = Math.round(kids.reduce((a, k) => a + k.rssKb, 0) / 1024);
  console.log(kids.map((k) => `  ${Math.round(k.rssKb / 1024)} MB ${k.args.slice(0, 110)}`).join('\n'));
  expect(rssMb < 1024, `fits the Kubernetes manifest's 1 GiB memory limit at start: ${rssMb} MB resident in ${kids.length} processes`);

  const ingest = cli(app, env, ['token', 'create', '--name', 'image-agent', '--scope', 'ingest']);
  const read = cli(app, env, ['token', 'create', '--name', 'image-read', '--scope', 'read']);
  const agent = spawnSync(process.execPath, [path.join(root, 'agent/dist/headroom-agent.js'), '--once', '--server', `http://127.0.0.1:${port}`, '--host-name', 'image-check-host', '--spool-dir', path.join(tmp, 'spool')],
    { encoding: 'utf8', env: { PATH: process.env.PATH, NODE_ENV: 'production', HEADROOM_TOKEN: ingest } });
  expect(agent.status === 0, `a real agent's report is delivered${agent.status === 0 ? '' : `: exit ${agent.status}, ${agent.stderr}`}`);
  const hosts = await (await fetch(`http://127.0.0.1:${port}/api/v1/hosts`, { headers: { authorization: `Bearer ${read}` } })).json() as { hosts: { name: string }[] };
  expect(hosts.hosts.some((h) => h.name === 'image-check-host'), 'the fleet API lists the reporting host');
  await stop(server);
  expect(server.exitCode === 0, `stops cleanly on SIGTERM (exit ${server.exitCode})`);

  // `docker run headroom` with no database configured: the embedded one, in the
  // app's directory; and a source newer than the build (a file edited in a
  // running container, say) does not set off a build the image cannot make.
  const now = new Date();
  utimesSync(path.join(app, 'package.json'), now, now);
  const lite = await start(app, imageEnv(app, await freePort(), {}));
  server = lite.child;
  expect(lite.log().includes('embedded database in /'), 'without DATABASE_URL, starts on the embedded database');
  expect(lite.log().includes('serves the build as is') && !lite.log().includes('building the dashboard'), 'with sources newer than its build, serves the build and does not rebuild');
  await stop(server);
} finally {
  if (server) await stop(server);
  await dropDatabase(dbName).catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
}
