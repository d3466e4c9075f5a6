// The web server's own edges, on `headroom serve` as users run it: methods
// Next.js cannot take answer 405, and a client that dribbles its headers is
// cut off instead of holding a connection for minutes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDashboardBuild, root } from '../testing/build';
import { freePort } from '../testing/ports';
import { processesWithEnv } from '../testing/procs';
import { until } from '../testing/wait';

let dir: string;
let port: number;
let serve: ChildProcess;
let log = '';

beforeAll(async () => {
  await ensureDashboardBuild();
  dir = mkdtempSync(path.join(os.tmpdir(), 'hr-edges-'));
  port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, HEADROOM_DATA_DIR: dir, PORT: String(port), HOSTNAME: '127.0.0.1', NODE_ENV: 'production', HEADROOM_LOCAL_AGENT: '0' };
  delete env.DATABASE_URL;
  serve = spawn(process.execPath, ['bin/headroom.mjs', 'serve'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  serve.stdout!.on('data', (d: Buffer) => { log += d; });
  serve.stderr!.on('data', (d: Buffer) => { log += d; });
  await until('the server to answer', async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.ok === true, 120_000);
}, 600_000);

afterAll(async () => {
  for (const p of processesWithEnv(`HEADROOM_DATA_DIR=${dir}`)) try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ }
  rmSync(dir, { recursive: true, force: true });
});

const raw = (method: string, pathname: string) => new Promise<{ status: number; allow: string | undefined; body: string }>((resolve, reject) => {
  http.request({ host: '127.0.0.1', port, method, path: pathname }, (res) => {
    let body = '';
    res.on('data', (d: Buffer) => { body += d; }).on('end', () => resolve({ status: res.statusCode!, allow: res.headers.allow, body }));
  }).on('error', reject).end();
});

describe('the web server\'s edges', () => {
  it.each(['TRACE', 'PROPFIND'])('answers %s with 405 and the methods it takes, and logs no stack', async (method) => {
    for (const p of ['/', '/api/v1/hosts', '/login']) {
      const r = await raw(method, p);
      expect(r.status).toBe(405);
      expect(r.allow).toContain('GET');
      expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'method_not_allowed' } });
    }
    expect(log).not.toContain('HTTP method is unsupported');
  });

  it('cuts off a client that sends its headers a byte a second', async () => {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    const started = Date.now();
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    let answer = '';
    socket.on('data', (d: Buffer) => { answer += d; });
    const dribble = setInterval(() => socket.write('X'), 1000);
    await new Promise((r) => socket.once('close', r));
    clearInterval(dribble);
    const heldMs = Date.now() - started;
    expect(heldMs).toBeGreaterThan(9_000);
    expect(heldMs).toBeLessThan(15_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  }, 30_000);
});
