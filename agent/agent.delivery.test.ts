// Never loses a report: the bundled agent against a real HTTP server that goes
// away and comes back, a killed agent, and a spool filled past its cap.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { report as reportSchema } from '../lib/protocol';
import { createToken } from '../lib/access';
import { freePort, startAppServer, type AppServer } from '../lib/testing/app-server';
import type { TestDatabase } from '../lib/testing/databases';
import { useRouteDatabase } from '../lib/testing/route-database';
import { startFakeDocker } from './testdata/fake-docker';
import { agentBundle } from './testdata/holder';
import { sleep, until } from '../lib/testing/wait';
import { sweepStaleInstancesAfterAll } from './testdata/stale-instances';

sweepStaleInstancesAfterAll();


interface Agent { child: ChildProcess; log: () => string; exited: Promise<number | null> }

function startAgent(url: string, token: string, spoolDir: string, host: string, extra: string[] = [], env: Record<string, string> = {}): Agent {
  const child = spawn(process.execPath, [agentBundle, '--server', url, '--interval', '1', '--spool-dir', spoolDir, '--host-name', host, ...extra], {
    env: { ...process.env, HEADROOM_TOKEN: token, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
  return { child, log: () => log, exited: new Promise((r) => child.once('exit', (code) => r(code))) };
}

const spooled = (dir: string) => readdirSync(dir).filter((n) => /^\d+\.json$/.test(n));
/** The last sequence number the agent recorded; 0 before its first report (every earlier run may have been killed first). */
const lastSeq = (dir: string) => {
  try {
    return (JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8')) as { lastSeq: number }).lastSeq;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
};

describe('agent delivery', () => {
  let t: TestDatabase;
  let token: string;
  useRouteDatabase('postgres', async (db) => {
    t = db;
    token = (await createToken(t.db, { name: 'agents', scope: 'ingest' })).token;
  });

  const sequences = async (host: string) =>
    (await t.db.report.findMany({ where: { host: { name: host } }, select: { sequence: true }, orderBy: { sequence: 'asc' } })).map((r) => r.sequence);
  const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it('keeps reports through a server outage and stores each exactly once when it is back', async () => {
    const server = await startAppServer();
    const spool = mkdtempSync(path.join(os.tmpdir(), 'hr-agent-'));
    const agent = startAgent(server.url, token, spool, 'outage-host');
    await until('two reports stored', async () => (await sequences('outage-host')).length >= 2);
    await server.stop();
    const atStop = (await sequences('outage-host')).length;
    await until('four reports spooled during the outage', () => spooled(spool).length >= 4);
    await server.start();
    await until('the spool drained', () => spooled(spool).length === 0);
    agent.child.kill('SIGTERM');
    expect(await agent.exited).toBe(0);
    const seqs = await sequences('outage-host');
    expect(seqs.length).toBeGreaterThanOrEqual(atStop + 4);
    expect(seqs).toEqual(oneToN(lastSeq(spool)));
    const lines = agent.log().trim().split('\n');
    expect(lines.filter((l) => l.includes('server not taking reports'))).toHaveLength(1);
    expect(lines.some((l) => l.includes('server back after'))).toBe(true);
    expect(agent.log()).not.toMatch(/\n\s+at /); // no stack traces for an expected outage
    await server.stop();
  });

  it('stops at once on SIGTERM while a send hangs, keeping the report', async () => {
    // Takes the request and never answers: the agent's own 10 s timeout is what it must not wait for.
    let received = 0;
    const sockets: net.Socket[] = [];
    const mute = net.createServer((sock) => { sockets.push(sock); sock.on('data', () => { received += 1; }); });
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r));
    const spool = mkdtempSync(path.join(os.tmpdir(), 'hr-agent-'));
    const agent = startAgent(`http://127.0.0.1:${(mute.address() as net.AddressInfo).port}`, token, spool, 'hung-host');
    await until('the report sent', () => received > 0);
    const asked = Date.now();
    agent.child.kill('SIGTERM');
    expect(await agent.exited).toBe(0);
    expect(Date.now() - asked).toBeLessThan(5_000);
    expect(spooled(spool).length).toBeGreaterThan(0);
    expect(agent.log()).not.toContain('server not taking reports');
    for (const s of sockets) s.destroy();
    await new Promise((r) => mute.close(r));
  });

  it('loses and duplicates nothing when the agent is killed at random moments', async () => {
    const server = await startAppServer();
    const spool = mkdtempSync(path.join(os.tmpdir(), 'hr-agent-'));
    for (let i = 0; i < 8; i++) {
      const a = startAgent(server.url, token, spool, 'killed-host');
      await sleep(150 + Math.random() * 1200);
      a.child.kill('SIGKILL');
      await a.exited;
      for (const name of spooled(spool)) reportSchema.parse(JSON.parse(readFileSync(path.join(spool, name), 'utf8')));
    }
    const last = startAgent(server.url, token, spool, 'killed-host');
    await until('a report after the kills', () => lastSeq(spool) >= 3);
    await until('the spool drained', () => spooled(spool).length === 0);
    last.child.kill('SIGTERM');
    await last.exited;
    expect(await sequences('killed-host')).toEqual(oneToN(lastSeq(spool)));
    await server.stop();
  });

  it('drops the oldest reports past the spool cap and says how many', async () => {
    const port = await freePort();
    const spool = mkdtempSync(path.join(os.tmpdir(), 'hr-agent-'));
    // About 20 KB: a handful of this machine's reports.
    const agent = startAgent(`http://127.0.0.1:${port}`, token, spool, 'capped-host', ['--spool-max-mb', '0.02']);
    await until('a drop at the cap', () => agent.log().includes('dropped the'));
    await until('two more reports', () => lastSeq(spool) >= 2 + Number(/(\d+) oldest/.exec(agent.log())?.[1] ?? 0) + 2);
    const server = await startAppServer(port);
    await until('the spool drained', () => spooled(spool).length === 0, 40_000);
    agent.child.kill('SIGTERM');
    await agent.exited;
    const seqs = (await sequences('capped-host')) as number[];
    const latest = await t.db.hostReport.findFirstOrThrow({ where: { host: { name: 'capped-host' } } });
    const dropped = reportSchema.parse(latest.report).delivery!.dropped;
    expect(dropped).toBeGreaterThan(0);
    // What arrived is the newest run without holes; with what was dropped, it is everything collected.
    expect(seqs).toEqual(oneToN(seqs.length).map((n) => n + dropped));
    expect(seqs.length + dropped).toBe(lastSeq(spool));
    await server.stop();
  });

  it('reports a collection that overran its interval, and never overlaps two', async () => {
    const server = await startAppServer();
    const slowDocker = await startFakeDocker([], 1500);
    const spool = mkdtempSync(path.join(os.tmpdir(), 'hr-agent-'));
    const agent = startAgent(server.url, token, spool, 'slow-host', [], { HEADROOM_DOCKER_SOCKET: slowDocker.socket });
    await until('three reports', async () => (await sequences('slow-host')).length >= 3);
    agent.child.kill('SIGTERM');
    await agent.exited;
    const rows = await t.db.report.findMany({ where: { host: { name: 'slow-host' } }, orderBy: { collectedAt: 'asc' }, select: { collectedAt: true } });
    // Each collection waits 1.5 s on Docker with a 1 s interval: they follow each other, never overlap.
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.collectedAt.getTime() - rows[i - 1]!.collectedAt.getTime()).toBeGreaterThanOrEqual(1400);
    const latest = await t.db.hostReport.findFirstOrThrow({ where: { host: { name: 'slow-host' } } });
    expect(reportSchema.parse(latest.report).scan.overran).toBe(true);
    await Promise.all([server.stop(), slowDocker.close()]);
  });
});
