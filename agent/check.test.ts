// headroom-agent --check, the bundle against a real Headroom server, a server
// that answers 200 {} to everything, and nothing at all: one line a check,
// each failure distinct, exit 0 only when every line is ok.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { report as reportSchema } from '../lib/protocol';
import { createToken } from '../lib/access';
import { startAppServer, type AppServer } from '../lib/testing/app-server';
import type { TestDatabase } from '../lib/testing/databases';
import { freePort } from '../lib/testing/ports';
import { useRouteDatabase } from '../lib/testing/route-database';
import { until } from '../lib/testing/wait';
import { agentBundle } from './testdata/holder';
import { startHttpServer, type TestHttpServer } from './testdata/http-server';
import { sweepStaleInstancesAfterAll } from './testdata/stale-instances';

sweepStaleInstancesAfterAll();

interface Checked { code: number; lines: string[]; status: Record<string, string>; out: string }

async function check(server: string, token: string, opts: { host?: string; prefix?: string[]; spool?: string } = {}): Promise<Checked> {
  const spool = opts.spool ?? mkdtempSync(path.join(os.tmpdir(), 'hr-check-'));
  const argv = [...(opts.prefix ?? []), process.execPath, agentBundle, '--check', '--server', server, '--spool-dir', spool, '--host-name', opts.host ?? 'checked-host'];
  const r = await promisify(execFile)(argv[0]!, argv.slice(1), { env: { ...process.env, HEADROOM_TOKEN: token }, maxBuffer: 1 << 20 })
    .then((o) => ({ ...o, code: 0 }), (e: { stdout: string; stderr: string; code: number }) => e);
  const lines = r.stdout.trim().split('\n');
  const status = Object.fromEntries(lines.map((l) => { const m = /^(ok|FAIL|skip)\s+([^:]+):/.exec(l); return [m?.[2] ?? l, m?.[1] ?? '?']; }));
  expect(r.stderr).toBe('');
  expect(r.stdout).not.toContain(token);
  return { code: r.code, lines, status, out: r.stdout };
}
const line = (c: Checked, name: string) => c.lines.find((l) => l.includes(` ${name}:`)) ?? '';

describe('headroom-agent --check against a real server', () => {
  let t: TestDatabase;
  let server: AppServer;
  const tokens = { ingest: '', read: '', bound: '' };
  useRouteDatabase('postgres', async (db) => {
    t = db;
    tokens.ingest = (await createToken(t.db, { name: 'agents', scope: 'ingest' })).token;
    tokens.read = (await createToken(t.db, { name: 'dashboards', scope: 'read' })).token;
    tokens.bound = (await createToken(t.db, { name: 'web-7 only', scope: 'ingest', hostName: 'web-7' })).token;
  });
  beforeAll(async () => { server = await startAppServer(); });
  afterAll(() => server.stop());

  it('passes the server and token checks and stores one real report, nothing else', async () => {
    const c = await check(server.url, tokens.ingest);
    expect(c.status).toMatchObject({ 'server reachable': 'ok', 'Headroom server': 'ok', 'token accepted': 'ok', 'token valid for host "checked-host"': 'ok', 'spool folder': 'ok' });
    const stored = await t.db.hostReport.findFirstOrThrow({ where: { host: { name: 'checked-host' } } });
    expect(reportSchema.parse(stored.report).sequence).toBeUndefined();
    expect(await t.db.report.count({ where: { host: { name: 'checked-host' } } })).toBe(1);
    expect(await t.db.host.count()).toBe(1); // the empty probe report stored nothing
    // What root cannot read here (this sandbox's PID 1 refuses even root) the check says, and fails on.
    const { stdout } = await promisify(execFile)(process.execPath, [agentBundle, '--print'], { maxBuffer: 16 << 20 });
    const denied = reportSchema.parse(JSON.parse(stdout)).scan.skipped.denied;
    expect(c.status['fd tables readable']).toBe(denied === 0 ? 'ok' : 'FAIL');
    expect(c.status['host PID namespace']).toBe('ok');
    expect(line(c, 'failure capture')).toMatch(/^ok\s+failure capture: a trace instance was set up and removed/);
    // Exit 0 exactly when every line is ok: 0 on a host where root reads every process, 1 here.
    expect(c.code).toBe(Object.values(c.status).every((s) => s === 'ok') ? 0 : 1);
  });

  it('in a PID namespace of its own: every process readable, and the namespace the one failure', async () => {
    // No view of this machine passes everything: the host's has PID 1, which refuses root; a PID
    // namespace of its own has no other process to miss, and the check says that is not the host.
    const c = await check(server.url, tokens.ingest, { prefix: ['unshare', '--pid', '--fork', '--mount-proc'] });
    expect(c.status['fd tables readable']).toBe('ok');
    expect(line(c, 'host PID namespace')).toMatch(/^FAIL\s+host PID namespace: \/proc shows only this agent's own PID namespace.*Fix: .*--pid=host/);
    expect(c.lines.filter((l) => !l.startsWith('ok'))).toHaveLength(1);
    expect(c.code).toBe(1);
  });

  it('tells a token the server does not know (401) from one of the wrong scope or for another host (403)', async () => {
    const unknown = await check(server.url, 'hr_ingest_00000000000000000000000000000000');
    expect(line(unknown, 'token accepted')).toMatch(/^FAIL\s+token accepted: HTTP 401: invalid token\. Fix: give an ingest token the server knows/);
    expect(unknown.status['token valid for host "checked-host"']).toBe('skip');
    const read = await check(server.url, tokens.read);
    expect(line(read, 'token accepted')).toMatch(/^FAIL\s+token accepted: HTTP 403: this is a read token; this route needs a ingest token\. Fix: give an ingest token/);
    const bound = await check(server.url, tokens.bound, { host: 'web-8' });
    expect(bound.status['token accepted']).toBe('ok');
    expect(line(bound, 'token valid for host "web-8"')).toMatch(/^FAIL\s+token valid for host "web-8": HTTP 403: this token is bound to host "web-7", not "web-8"\. Fix: use the token made for this host name/);
    expect((await check(server.url, tokens.bound, { host: 'web-7' })).status['token valid for host "web-7"']).toBe('ok');
    for (const c of [unknown, read, bound]) expect(c.code).toBe(1);
  });

  it("says the spool is in use by a running agent, and how many reports wait", async () => {
    const spool = mkdtempSync(path.join(os.tmpdir(), 'hr-check-'));
    const agent = spawn(process.execPath, [agentBundle, '--server', `http://127.0.0.1:${await freePort()}`, '--spool-dir', spool, '--interval', '1'], { env: { ...process.env, HEADROOM_TOKEN: 't' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    agent.stderr.on('data', (d: Buffer) => { log += d.toString(); });
    try {
      await until('the agent spooled a report', () => log.includes('server not taking reports'));
      const c = await check(server.url, tokens.ingest, { spool });
      expect(line(c, 'spool folder')).toMatch(new RegExp(`^ok\\s+spool folder: ${spool} writable, [1-9]\\d* report\\(s\\) waiting, in use by the agent with pid ${agent.pid}$`));
    } finally {
      agent.kill('SIGKILL');
    }
  });

  it('fails the fd tables for an agent without the rights to read them, and says which', async () => {
    const spool = mkdtempSync(path.join(os.tmpdir(), 'hr-check-'));
    await promisify(execFile)('chown', ['4243:4243', spool]);
    const c = await check(server.url, tokens.ingest, { prefix: ['setpriv', '--reuid=4243', '--regid=4243', '--clear-groups'], spool });
    expect(line(c, 'fd tables readable')).toMatch(/^FAIL\s+fd tables readable: \d+ of \d+ processes unreadable: their inotify use is not counted\. Fix: run as root, or with CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH/);
    expect(c.status['token valid for host "checked-host"']).toBe('ok');
    expect(line(c, 'failure capture')).toMatch(/^FAIL\s+failure capture: off: not-permitted: .*tracefs is root's.*Fix: run the agent as root/);
    expect(c.code).toBe(1);
  });
});

describe('headroom-agent --check against what is not a Headroom server', () => {
  let fake: TestHttpServer;
  const authorizations: string[] = [];
  beforeAll(async () => {
    fake = await startHttpServer((req, res) => {
      if (req.headers.authorization) authorizations.push(req.headers.authorization);
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  afterAll(() => fake.close());

  it('says a server that answers 200 {} to everything is not Headroom, and never sends it the token', async () => {
    const c = await check(fake.url, 'hr_ingest_not-for-strangers');
    expect(line(c, 'server reachable')).toMatch(/^ok\s+server reachable: .*answered HTTP 200/);
    expect(line(c, 'Headroom server')).toMatch(/^FAIL\s+Headroom server: GET \/api\/health answered HTTP 200 \{\}: this is not a Headroom server\. Fix: give the address of the Headroom server/);
    expect(c.status).toMatchObject({ 'token accepted': 'skip', 'token valid for host "checked-host"': 'skip' });
    expect(authorizations).toEqual([]);
    expect(c.code).toBe(1);
  });

  it('says when nothing answers at all', async () => {
    const c = await check(`http://127.0.0.1:${await freePort()}`, 'hr_ingest_x');
    expect(line(c, 'server reachable')).toMatch(/^FAIL\s+server reachable: nothing answers at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Fix: /);
    expect(c.status).toMatchObject({ 'Headroom server': 'skip', 'token accepted': 'skip' });
    expect(c.code).toBe(1);
  });
});
