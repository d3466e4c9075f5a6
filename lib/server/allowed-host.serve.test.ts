// DNS rebinding against first-run setup and sign-in, over real HTTP on
// `headroom serve` with a public URL: the forms posted as a browser without
// JavaScript posts them, under a forged Host (and the matching Origin, as a
// rebound page sends), are refused and create nothing; the public name works.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDashboardBuild, root } from '../testing/build';
import { freePort } from '../testing/ports';
import { processesWithEnv } from '../testing/procs';
import { until } from '../testing/wait';

let dir = '';
let port = 0;
let serve: ChildProcess;
let log = '';
const good = () => `headroom.test:${port}`;
const evil = () => `rebind.attacker.test:${port}`;

beforeAll(async () => {
  ensureDashboardBuild();
  dir = mkdtempSync(path.join(os.tmpdir(), 'hr-host-'));
  port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, HEADROOM_DATA_DIR: dir, PORT: String(port), HOSTNAME: '127.0.0.1', NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', HEADROOM_LOCAL_AGENT: '0', HEADROOM_PUBLIC_URL: `http://${good()}` };
  delete env.DATABASE_URL;
  delete env.HEADROOM_ALLOWED_HOSTS;
  serve = spawn(process.execPath, ['bin/headroom.mjs', 'serve'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  serve.stdout!.on('data', (d: Buffer) => { log += d; });
  serve.stderr!.on('data', (d: Buffer) => { log += d; });
  await until('headroom serve to answer', async () => {
    if (serve.exitCode !== null) throw new Error(`headroom serve exited:\n${log}`);
    return (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.ok ?? false;
  }, 120_000);
}, 600_000);

afterAll(async () => {
  serve?.kill('SIGTERM');
  await until('headroom serve to stop', () => serve.exitCode !== null || serve.signalCode !== null, 20_000).catch(() => {
    for (const p of processesWithEnv(`HEADROOM_DATA_DIR=${dir}`)) try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ }
  });
  rmSync(dir, { recursive: true, force: true });
});

interface Answer { status: number; headers: http.IncomingHttpHeaders; body: string }

/** A request to the server naming `host` as its Host (and as its Origin when it posts a form, as a browser on that name would). */
async function send(method: 'GET' | 'POST', pathname: string, host: string, form?: FormData, extra: http.OutgoingHttpHeaders = {}): Promise<Answer> {
  // Multipart, as a browser posts a form whose action is a server function.
  const encoded = form && new Request('http://form.invalid/', { method: 'POST', body: form });
  const body = encoded && Buffer.from(await encoded.arrayBuffer());
  const headers: http.OutgoingHttpHeaders = { host, ...extra, ...(encoded ? { origin: `http://${host}`, 'content-type': encoded.headers.get('content-type')!, 'content-length': body!.length } : {}) };
  return new Promise((resolve, reject) => {
    http.request({ host: '127.0.0.1', port, method, path: pathname, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => { text += d; }).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    }).on('error', reject).end(body);
  });
}

const unescape = (s: string) => s.replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

/** The form of a page as served to the public name: its hidden action fields (React's, for posting without JavaScript) and `fields`. */
async function formOf(pathname: string, fields: Record<string, string>): Promise<FormData> {
  const page = await send('GET', pathname, good());
  expect(page.status).toBe(200);
  const form = new FormData();
  for (const input of page.body.match(/<input[^>]*type="hidden"[^>]*>/g) ?? []) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    if (name?.startsWith('$ACTION')) form.append(unescape(name), unescape(/value="([^"]*)"/.exec(input)?.[1] ?? ''));
  }
  expect([...form.keys()].some((k) => k.startsWith('$ACTION_'))).toBe(true);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

/**
 * The form's action called as the page's JavaScript calls it (a Next-Action header and React's
 * encoding of its arguments, the previous state and the fields), posted to another page's path.
 */
function callElsewhere(form: FormData, fields: Record<string, string>): Promise<Answer> {
  const { id } = JSON.parse(String(form.get('$ACTION_1:0'))) as { id: string };
  const args = new FormData();
  for (const [k, v] of Object.entries(fields)) args.append(`_1_${k}`, v);
  args.append('0', '[{"ok":false},"$K1"]');
  return send('POST', '/', evil(), args, { 'next-action': id, accept: 'text/x-component' });
}

/** The users the server's database holds, as the CLI lists them (through the running server's socket). */
function users(): string[] {
  const env: NodeJS.ProcessEnv = { ...process.env, HEADROOM_DATA_DIR: dir };
  delete env.DATABASE_URL;
  return execFileSync(process.execPath, ['bin/headroom.mjs', 'user', 'list'], { cwd: root, env }).toString().trim().split('\n').slice(1);
}
const sessionCookie = (a: Answer) => (a.headers['set-cookie'] ?? []).find((c) => c.startsWith('headroom_session='));

describe('setup and sign-in under a forged Host', () => {
  it('first-run setup: refused under another name, page and form, and nothing created; done under the public name', async () => {
    const refused = await send('GET', '/setup', evil());
    expect(refused.status).toBe(403);
    expect(refused.body).toContain(`this server answers as http://${good()}: open it there (this request named rebind.attacker.test`);

    const form = await formOf('/setup', { name: 'mallory', password: 'correct horse battery', confirm: 'correct horse battery' });
    expect((await send('POST', '/setup', evil(), form)).status).toBe(403);
    // Called on another page's path, Next.js would forward it to /setup under a loopback Host of its own.
    const elsewhere = await callElsewhere(form, { name: 'mallory', password: 'correct horse battery', confirm: 'correct horse battery' });
    expect([elsewhere.status, elsewhere.headers['x-action-redirect']]).toEqual([403, undefined]);
    expect(users()).toEqual([]);

    const done = await send('POST', '/setup', good(), form);
    expect([done.status, done.headers.location]).toEqual([303, '/']);
    expect(sessionCookie(done)).toBeDefined();
    expect(users()).toEqual([expect.stringMatching(/^mallory\s+admin\s+active/)]);
  }, 60_000);

  it('sign-in: refused under another name, page and form, with no session; signed in under the public name and on loopback', async () => {
    expect((await send('GET', '/login', evil())).status).toBe(403);
    const form = await formOf('/login', { name: 'mallory', password: 'correct horse battery' });
    const refused = await send('POST', '/login', evil(), form);
    expect([refused.status, sessionCookie(refused)]).toEqual([403, undefined]);
    const elsewhere = await callElsewhere(form, { name: 'mallory', password: 'correct horse battery' });
    expect([elsewhere.status, sessionCookie(elsewhere)]).toEqual([403, undefined]);

    for (const host of [good(), `127.0.0.1:${port}`, `localhost:${port}`]) {
      const ok = await send('POST', '/login', host, form);
      expect([ok.status, ok.headers.location], host).toEqual([303, '/']);
      expect(sessionCookie(ok), host).toBeDefined();
    }
  }, 60_000);
});
