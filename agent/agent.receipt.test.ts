// The bundled agent pointed at a server that answers 200 {} to any POST (the
// token goes there; nothing must leave the spool), then at a real Headroom
// server, which receives every report exactly once.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../lib/access';
import { startAppServer } from '../lib/testing/app-server';
import type { TestDatabase } from '../lib/testing/databases';
import { useRouteDatabase } from '../lib/testing/route-database';
import { until } from '../lib/testing/wait';
import { agentBundle } from './testdata/holder';
import { startHttpServer, type TestHttpServer } from './testdata/http-server';

const spooled = (dir: string) => readdirSync(dir).filter((n) => /^\d+\.json$/.test(n)).length;
const lastSeq = (dir: string) => (JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8')) as { lastSeq: number }).lastSeq;

function runAgent(url: string, token: string, spool: string, extra: string[]) {
  const child = spawn(process.execPath, [agentBundle, '--server', url, '--spool-dir', spool, '--host-name', 'receipt-host', '--interval', '1', ...extra], {
    env: { ...process.env, HEADROOM_TOKEN: token },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d: Buffer) => { log += d.toString(); });
  return { child, log: () => log, exited: new Promise<number | null>((r) => child.once('exit', (code) => r(code))) };
}

describe('an agent pointed at a server that is not Headroom', () => {
  let t: TestDatabase;
  let token: string;
  let fake: TestHttpServer;
  let posts = 0;
  useRouteDatabase('postgres', async (db) => {
    t = db;
    token = (await createToken(t.db, { name: 'agents', scope: 'ingest' })).token;
  });
  beforeAll(async () => {
    fake = await startHttpServer((req, res) => {
      if (req.method === 'POST') posts++;
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  afterAll(() => fake.close());

  it('keeps every report, says so once, fails --once, and a real server then gets them all', async () => {
    const spool = mkdtempSync(path.join(os.tmpdir(), 'hr-receipt-'));
    const notHeadroom = (log: string) => log.split('\n').filter((l) => l.includes('this is not a Headroom server'));
    for (let i = 1; i <= 3; i++) {
      const once = runAgent(fake.url, token, spool, ['--once']);
      expect(await once.exited).toBe(3);
      expect(spooled(spool)).toBe(i);
      expect(notHeadroom(once.log())).toHaveLength(1);
      expect(once.log()).toContain(`POST ${fake.url}/api/v1/reports answered HTTP 200 {}`);
      expect(once.log()).toContain(`not delivered: ${i} report(s) kept in the spool`);
      expect(once.log()).not.toContain(token);
    }

    // Running on, it tries again and again, and says it once.
    const before = posts;
    const agent = runAgent(fake.url, token, spool, []);
    await until('three more tries at the fake server', () => posts >= before + 3);
    agent.child.kill('SIGTERM');
    expect(await agent.exited).toBe(0);
    expect(notHeadroom(agent.log())).toHaveLength(1);
    expect(agent.log()).not.toContain('server not taking reports');
    expect(spooled(spool)).toBe(lastSeq(spool));
    expect(lastSeq(spool)).toBeGreaterThanOrEqual(5);

    const server = await startAppServer();
    const real = runAgent(server.url, token, spool, ['--once']);
    expect(await real.exited).toBe(0);
    expect(spooled(spool)).toBe(0);
    const stored = await t.db.report.findMany({ where: { host: { name: 'receipt-host' } }, select: { sequence: true }, orderBy: { sequence: 'asc' } });
    expect(stored.map((r) => r.sequence)).toEqual(Array.from({ length: lastSeq(spool) }, (_, i) => i + 1));
    await server.stop();
  });
});
