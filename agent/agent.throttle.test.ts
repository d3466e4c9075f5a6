// A spool draining after an outage meets the server's rate limit (429 with
// Retry-After): the bundled agent pauses as asked and drains, instead of
// backing off as if the server were down (5 minutes at a time).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { until } from '../lib/testing/wait';
import { Spool } from './spool';
import { agentBundle } from './testdata/holder';
import { receiptFor } from './testdata/http-server';

it('drains a spool through a rate limit without an outage backoff', async () => {
  // Takes 5 reports, then asks for a 1 s pause, and so on.
  let taken = 0;
  let inWindow = 0;
  let windowStart = Date.now();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      if (Date.now() - windowStart > 1000) { windowStart = Date.now(); inWindow = 0; }
      if (inWindow >= 5) { res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{"error":{"code":"rate_limited","message":"slow down"}}'); return; }
      inWindow++;
      taken++;
      // Headroom's receipt: only that takes a report out of the spool.
      res.writeHead(202, { 'content-type': 'application/json' }).end(receiptFor(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-throttle-'));
  const spool = new Spool(dir, 50e6);
  for (let i = 0; i < 40; i++) spool.put(spool.nextSeq(), JSON.stringify({ protocolVersion: 1, reportId: randomUUID(), backlog: i }));
  const child = spawn(process.execPath, [agentBundle, '--server', url, '--interval', '2', '--spool-dir', dir, '--host-name', 'throttled'], {
    env: { ...process.env, HEADROOM_TOKEN: 't' }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
  try {
    // 40 reports at 5 a cycle of 2 s: 8 cycles, 16-25 s here. An outage backoff after
    // each of the 8 refusals (half-jittered 1, 2, 4 ... 64 s) needs over a minute.
    const started = Date.now();
    await until('the backlog drained', () => taken >= 40 && readdirSync(dir).filter((n) => /^\d+\.json$/.test(n)).length <= 1, 45_000);
    console.log(`throttled drain of 40 reports: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(log).not.toContain('server not taking reports');
  } finally {
    child.kill('SIGTERM');
    server.close();
  }
}, 60_000);
