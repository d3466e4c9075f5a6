// The Compose quick start, step by step as the docs write it: each `docker
// compose` line is validated by docker-compose with exactly that line's
// environment, the token comes from the docs' own CLI line, and the agent runs
// with the environment and mounts Compose resolves for it (no Docker engine here).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { agentBundle } from '../agent/testdata/holder';
import { collect } from '../lib/testing/child';
import { startAppServer, type AppServer } from '../lib/testing/app-server';
import { useRouteDatabase } from '../lib/testing/route-database';
import type { TestDatabase } from '../lib/testing/databases';
import { composeSteps, section, type ComposeStep } from './docs-steps';

const root = path.resolve(import.meta.dirname, '..');
// Only PATH and these: Next.js's types declare NODE_ENV required, Node does not.
const bare = (vars: Record<string, string | undefined> = {}) => ({ PATH: process.env.PATH, ...vars }) as unknown as NodeJS.ProcessEnv;
const read = (f: string) => readFileSync(path.join(root, f), 'utf8');

interface Service { environment?: Record<string, string>; volumes?: string[]; depends_on?: Record<string, unknown> }
interface Resolved { services: Record<string, Service> }

/** `docker-compose config` with the step's own variables: the machine's must not fill the file's. */
function composeConfig(env: Record<string, string>): Resolved {
  const r = spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], { cwd: root, encoding: 'utf8', env: bare(env) });
  expect(r.error).toBeUndefined();
  expect(r.stderr, JSON.stringify(env)).toBe('');
  expect(r.status).toBe(0);
  return parse(r.stdout) as Resolved;
}

const header = read('docker-compose.yml').split('\nservices:')[0]!;
const steps: ComposeStep[] = [
  ...composeSteps('docker-compose.yml', header),
  ...composeSteps('README.md', section(read('README.md'), '## Deploy')),
  ...composeSteps('docs/deploy.md', section(read('docs/deploy.md'), '## Docker Compose')),
];
const hostHostname = readFileSync('/etc/hostname', 'utf8').split('\n')[0]!.trim();

/**
 * The agent as its container would run it: Compose's environment for it, each
 * bind mount's target under a scratch root (a symlink to the host path), the
 * container's own hostname in a UTS namespace, and a private /var/lib for its
 * spool volume. `server` stands for the Compose network's `server:3000`.
 */
function runAgent(agent: Service, server: string, args: string[]) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'hr-compose-'));
  const targets: string[] = [];
  for (const v of agent.volumes ?? []) {
    const [source, target] = v.split(':') as [string, string];
    if (!source.startsWith('/') || target.startsWith('/var/lib/')) continue;
    mkdirSync(path.dirname(path.join(scratch, target)), { recursive: true });
    symlinkSync(source, path.join(scratch, target));
    targets.push(target);
  }
  const env = Object.fromEntries(Object.entries(agent.environment ?? {}).map(([k, v]) => [k,
    k === 'HEADROOM_SERVER' ? v.replace('http://server:3000', server)
      : targets.some((t) => v === t || v.startsWith(`${t}/`)) ? path.join(scratch, v) : v]));
  const script = 'mount -t tmpfs tmpfs /var/lib && hostname 4f2c9a1be0d7 && exec "$@"';
  const agentRun = collect(spawn('unshare', ['-m', '-u', '--propagation', 'private', 'sh', '-c', script, 'sh', process.execPath, agentBundle, ...args], { env: bare(env) }));
  return agentRun.finally(() => rmSync(scratch, { recursive: true, force: true }));
}

describe('docker-compose.yml, as the quick start runs it', () => {
  let t: TestDatabase;
  let server: AppServer;
  useRouteDatabase('postgres', async (db) => { t = db; server = await startAppServer(); });
  afterAll(async () => { await server?.stop(); });

  it('finds the quick start in the compose file, the README and docs/deploy.md', () => {
    const lines = (from: string) => steps.filter((s) => s.source === from).map((s) => s.line);
    for (const from of ['docker-compose.yml', 'README.md', 'docs/deploy.md']) {
      expect(lines(from), from).toEqual(expect.arrayContaining(['docker compose up -d db server', 'HEADROOM_AGENT_TOKEN=hr_ingest_… docker compose up -d agent']));
    }
    expect(lines('docs/deploy.md')).toContain('docker compose exec server node bin/headroom.mjs token create --name docker-host --scope ingest');
  });

  it('passes each step with exactly its environment; the CLI step makes the token; the agent reports the Docker host by its own name', async () => {
    let token = '';
    for (const step of steps) {
      const [verb, service, ...rest] = step.args;
      const env = Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, v.includes('…') ? token || 'hr_ingest_x' : v]));
      const c = composeConfig(env);
      if (verb === 'up') {
        for (const s of step.args.slice(1).filter((a) => !a.startsWith('-'))) expect(Object.keys(c.services), step.line).toContain(s);
        // db and server start without the agent, whatever its state.
        if (!step.args.includes('agent')) expect(Object.keys(c.services.server!.depends_on ?? {})).toEqual(['db']);
        else expect(c.services.agent!.environment!.HEADROOM_TOKEN).toBe(env.HEADROOM_AGENT_TOKEN);
      } else if (verb === 'exec') {
        expect(Object.keys(c.services), step.line).toContain(service);
        expect(rest.slice(0, 2), step.line).toEqual(['node', 'bin/headroom.mjs']);
        // The server container's environment, its database this test's.
        const r = spawnSync(process.execPath, rest.slice(1), { cwd: root, encoding: 'utf8', env: bare({ ...c.services[service!]!.environment, DATABASE_URL: t.url }) });
        expect(r.status, r.stderr).toBe(0);
        token = r.stdout.trim();
        expect(token).toMatch(/^hr_ingest_/);
      } else {
        expect(['logs'], step.line).toContain(verb);
        expect(Object.keys(c.services), step.line).toContain(service);
      }
    }
    expect(token).not.toBe('');
    const agent = composeConfig({ HEADROOM_AGENT_TOKEN: token }).services.agent!;
    const once = await runAgent(agent, server.url, ['--once']);
    expect(once.status, once.stderr).toBe(0);
    const hosts = await t.db.host.findMany({ select: { name: true } });
    expect(hosts.map((h) => h.name)).toEqual([hostHostname]);
  }, 60_000);

  it('starts the agent without a token (Compose accepts the file), which then exits saying what is missing', async () => {
    const agent = composeConfig({}).services.agent!;
    expect(agent.environment!.HEADROOM_TOKEN).toBe('');
    const r = await runAgent(agent, server.url, []);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('headroom-agent: no token: set HEADROOM_TOKEN (or --token) to an ingest token, made in the dashboard under Settings → API tokens');
  });

  it("the docs' docker run line grants what the compose agent service does", () => {
    const docs = section(read('docs/deploy.md'), '## Add a host');
    const line = docs.split('\n').find((l) => l.startsWith('sudo docker run '))!;
    const words = line.split(/\s+/);
    const values = (flag: string) => words.flatMap((w, i) => (w === flag ? [words[i + 1]!] : w.startsWith(`${flag}=`) ? [w.slice(flag.length + 1)] : []));
    const agent = parse(read('docker-compose.yml')).services.agent;
    expect(values('--pid')).toEqual([agent.pid]);
    expect(words.includes('--read-only')).toBe(agent.read_only);
    expect(values('--cap-drop')).toEqual(agent.cap_drop);
    expect(values('--cap-add')).toEqual(agent.cap_add);
    expect(values('--security-opt')).toEqual(agent.security_opt);
    const env = Object.fromEntries(values('-e').map((e) => e.split('=')));
    expect(env).toEqual({ HEADROOM_PROC_ROOT: agent.environment.HEADROOM_PROC_ROOT, HEADROOM_CGROUP_ROOT: agent.environment.HEADROOM_CGROUP_ROOT });
    // The host's name comes from its UTS namespace here, from its /etc/hostname in Compose (v1 has no uts:).
    expect(values('--uts')).toEqual(['host']);
    const binds = (agent.volumes as string[]).filter((v) => v.startsWith('/') && !v.startsWith('/etc/hostname'));
    expect(values('-v').filter((v) => !v.startsWith('/var/lib/'))).toEqual(binds);
  });

  it('waits for a healthy database, checks /api/health, and gives the agent the host view and two capabilities', () => {
    const c = parse(read('docker-compose.yml'));
    expect(c.services.server.depends_on.db.condition).toBe('service_healthy');
    expect(c.services.server.healthcheck.test.join(' ')).toContain('/api/health');
    expect(c.services.db.volumes[0]).toMatch(/^pgdata:/);
    expect(c.services.agent).toMatchObject({ pid: 'host', cap_drop: ['ALL'], cap_add: ['SYS_PTRACE', 'DAC_READ_SEARCH'] });
    expect(c.services.agent.volumes).toEqual(expect.arrayContaining(['/proc:/host/proc:ro', '/sys:/host/sys:ro', '/etc/hostname:/etc/host-hostname:ro', '/var/run/docker.sock:/var/run/docker.sock:ro']));
    // Failure capture: the host's tracefs read-write (its own path, beside the read-only /sys), AppArmor unconfined.
    expect(c.services.agent.volumes).toContain('/sys/kernel/tracing:/sys/kernel/tracing');
    expect(c.services.agent.security_opt).toContain('apparmor=unconfined');
  });
});
