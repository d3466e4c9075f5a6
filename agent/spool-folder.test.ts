// The default spool folder is per server and host name, and the reports an
// older agent left in the shared folder are adopted by their own host's agent.
// The root case runs real agents as root over a private /var/lib (a mount
// namespace with a tmpfs there), so the machine's own /var/lib is left alone.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../lib/protocol';
import { createToken } from '../lib/access';
import { startAppServer, type AppServer } from '../lib/testing/app-server';
import type { TestDatabase } from '../lib/testing/databases';
import { freePort } from '../lib/testing/ports';
import { useRouteDatabase } from '../lib/testing/route-database';
import { until } from '../lib/testing/wait';
import { Spool } from './spool';
import { adoptLegacySpool, defaultSpoolFolder } from './spool-folder';
import { agentBundle } from './testdata/holder';
import { receiptFor, startHttpServer, type TestHttpServer } from './testdata/http-server';
import { sweepStaleInstancesAfterAll } from './testdata/stale-instances';

sweepStaleInstancesAfterAll();

const entries = (dir: string) => readdirSync(dir).filter((n) => /^\d{12}\.json$/.test(n)).sort();
const entryName = (seq: number) => `${String(seq).padStart(12, '0')}.json`;

/** A real report of this machine, as an older agent would have spooled it for `host`. */
function oldReport(template: Report, host: string, sequence: number): string {
  return JSON.stringify({ ...template, reportId: randomUUID(), sequence, host: { ...template.host, name: host }, collectedAt: new Date(Date.now() - (10 - sequence) * 1000).toISOString() });
}
const template = (): Report => JSON.parse(execFileSync(process.execPath, [agentBundle, '--print'], { encoding: 'utf8', maxBuffer: 16 << 20 })) as Report;

describe('the default spool folder', () => {
  it('is one per server and host name, under the state folder', () => {
    const a = defaultSpoolFolder({}, 'http://headroom-a:3000', 'web-1');
    expect(a.legacy).toBe('/var/lib/headroom-agent/spool'); // these tests run as root
    expect(a.dir).toMatch(/^\/var\/lib\/headroom-agent\/spool\/web-1-[0-9a-f]{8}$/);
    expect(defaultSpoolFolder({}, 'http://headroom-a:3000/', 'web-1').dir).toBe(a.dir);
    expect(defaultSpoolFolder({}, 'http://headroom-b:3000', 'web-1').dir).not.toBe(a.dir);
    expect(defaultSpoolFolder({}, 'http://headroom-a:3000', 'web-1-userns').dir).not.toBe(a.dir);
    expect(defaultSpoolFolder({}, 'http://x', 'a/../b c').dir).toMatch(/\/spool\/a_\.\._b_c-[0-9a-f]{8}$/);
    expect(defaultSpoolFolder({}, 'http://x', undefined).dir).toContain(`/spool/${os.hostname()}-`);
  });

  it("is under the user's state folder, or systemd's StateDirectory, for an agent that is not root", async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'hr-home-'));
    execFileSync('chown', ['4243:4243', home]);
    const port = await freePort();
    const once = (env: Record<string, string>) => {
      try {
        execFileSync('setpriv', ['--reuid=4243', '--regid=4243', '--clear-groups', process.execPath, agentBundle, '--once', '--server', `http://127.0.0.1:${port}`, '--host-name', 'plain-user'],
          { env: { ...process.env, HEADROOM_TOKEN: 't', HEADROOM_SPOOL_DIR: '', STATE_DIRECTORY: '', XDG_STATE_HOME: '', ...env }, stdio: 'pipe' });
      } catch (err) {
        expect((err as { status: number }).status).toBe(3); // kept in the spool: nothing listens
      }
    };
    once({ HOME: home });
    expect(readdirSync(path.join(home, '.local/state/headroom-agent/spool'))).toEqual([expect.stringMatching(/^plain-user-[0-9a-f]{8}$/)]);
    mkdirSync(path.join(home, 'state'));
    execFileSync('chown', ['4243:4243', path.join(home, 'state')]);
    once({ HOME: home, STATE_DIRECTORY: path.join(home, 'state') });
    expect(readdirSync(path.join(home, 'state/spool'))).toEqual([expect.stringMatching(/^plain-user-[0-9a-f]{8}$/)]);
  });
});

describe('reports an older agent left in the shared folder', () => {
  it("are moved to their own host's folder, with the numbering carried on", () => {
    const legacy = mkdtempSync(path.join(os.tmpdir(), 'hr-legacy-'));
    const dir = path.join(legacy, 'web-1-0123abcd');
    mkdirSync(dir);
    const t = template();
    for (let seq = 1; seq <= 4; seq++) writeFileSync(path.join(legacy, entryName(seq)), oldReport(t, seq === 3 ? 'other-host' : 'web-1', seq));
    writeFileSync(path.join(legacy, 'state.json'), JSON.stringify({ lastSeq: 9, dropped: 2 }));
    expect(adoptLegacySpool({ dir, legacy }, 'web-1')).toBe(3);
    expect(entries(dir)).toEqual([entryName(1), entryName(2), entryName(4)]);
    expect(entries(legacy)).toEqual([entryName(3)]); // the other host's agent takes it
    const spool = new Spool(dir, 50e6);
    expect([spool.nextSeq(), spool.dropped]).toEqual([10, 2]);
  });

  it('never overwrite a report already in the new folder', () => {
    const legacy = mkdtempSync(path.join(os.tmpdir(), 'hr-legacy-'));
    const dir = path.join(legacy, 'web-1-0123abcd');
    const t = template();
    const spool = new Spool(dir, 50e6);
    spool.put(2, 'newer');
    for (let seq = 1; seq <= 2; seq++) writeFileSync(path.join(legacy, entryName(seq)), oldReport(t, 'web-1', seq));
    expect(adoptLegacySpool({ dir, legacy }, 'web-1')).toBe(1);
    expect(readFileSync(path.join(dir, entryName(2)), 'utf8')).toBe('newer');
    expect(entries(legacy)).toEqual([entryName(2)]);
  });
});

describe('agents as root with the default spool folder', () => {
  let t: TestDatabase;
  let token: string;
  let server: AppServer;
  let other: TestHttpServer;
  const otherGot: Report[] = [];
  let ns: ChildProcess;
  const root = () => `/proc/${ns.pid}/root/var/lib/headroom-agent/spool`;
  useRouteDatabase('postgres', async (db) => {
    t = db;
    token = (await createToken(t.db, { name: 'agents', scope: 'ingest' })).token;
  });
  beforeAll(async () => {
    ns = spawn('unshare', ['-m', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs tmpfs /var/lib && echo ready && exec sleep 3600'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await createInterface({ input: ns.stdout! })[Symbol.asyncIterator]().next();
    server = await startAppServer();
    // A second server, told apart from the first by what it received: it answers Headroom's receipt.
    other = await startHttpServer(async (req, res) => {
      let body = '';
      for await (const c of req) body += String(c);
      otherGot.push(JSON.parse(body) as Report);
      res.writeHead(202, { 'content-type': 'application/json' }).end(receiptFor(body));
    });
  });
  afterAll(async () => {
    ns.kill('SIGKILL');
    await Promise.all([other.close(), server.stop()]);
  });

  function agent(url: string, host: string) {
    const child = spawn('nsenter', ['-t', String(ns.pid), '-m', process.execPath, agentBundle, '--server', url, '--host-name', host, '--interval', '1'],
      { env: { ...process.env, HEADROOM_TOKEN: token, HEADROOM_SPOOL_DIR: '' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
    return { child, log: () => log, exited: new Promise<number | null>((r) => child.once('exit', (code) => r(code))) };
  }
  const sequences = async (host: string) =>
    (await t.db.report.findMany({ where: { host: { name: host } }, select: { sequence: true }, orderBy: { sequence: 'asc' } })).map((r) => r.sequence);

  it("send each report to its own server, adopt the old folder's reports of their host, and refuse a twin", async () => {
    // What an older agent left in /var/lib/headroom-agent/spool: two reports of web-1, one of web-2.
    mkdirSync(root(), { recursive: true });
    const tpl = template();
    writeFileSync(path.join(root(), entryName(1)), oldReport(tpl, 'web-1', 1));
    writeFileSync(path.join(root(), entryName(2)), oldReport(tpl, 'web-2', 2));
    writeFileSync(path.join(root(), entryName(3)), oldReport(tpl, 'web-1', 3));
    writeFileSync(path.join(root(), 'state.json'), JSON.stringify({ lastSeq: 3, dropped: 0 }));

    const a = agent(server.url, 'web-1');
    await until('the first agent delivering', async () => (await sequences('web-1')).length >= 4);
    expect(a.log()).toContain('moved 2 report(s) an older agent left in /var/lib/headroom-agent/spool to /var/lib/headroom-agent/spool/web-1-');
    // The same host name for another server (another namespace's DaemonSet, say): its own folder.
    const b = agent(other.url, 'web-1');
    await until('the second agent delivering', () => otherGot.length >= 2);
    const folders = readdirSync(root(), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders).toEqual(expect.arrayContaining([expect.stringMatching(/^web-1-[0-9a-f]{8}$/), expect.stringMatching(/^web-1-[0-9a-f]{8}$/)]));
    expect(folders).toHaveLength(2);
    // The same server and host name as the first: the same folder, refused.
    const twin = agent(server.url, 'web-1');
    expect(await twin.exited).toBe(1);
    expect(twin.log()).toMatch(/the spool folder \/var\/lib\/headroom-agent\/spool\/web-1-[0-9a-f]{8} is in use by another headroom-agent \(pid/);
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    await Promise.all([a.exited, b.exited]);
    // The first server got the old reports and the first agent's, each once, numbered on from 3; the second none of them.
    const seqs = await sequences('web-1');
    expect(seqs).toEqual([1, 3, ...Array.from({ length: seqs.length - 2 }, (_, i) => i + 4)]);
    expect(otherGot.every((r) => r.host.name === 'web-1' && r.sequence! > 3)).toBe(true);
    expect(entries(root())).toEqual([entryName(2)]); // web-2's, for web-2's agent
  });
});
