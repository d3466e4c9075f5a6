// The bundled agent against a server that answers with 200 MB of terminal
// escapes: it reads a bounded part, stays far under its 128 MB memory cap,
// and its log shows the escapes as text, not as commands to the terminal.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentBundle } from './testdata/holder';
import { startHttpServer, type TestHttpServer } from './testdata/http-server';

const CAP_KB = 128 * 1024; // MemoryMax=128M in the unit, limits.memory 128Mi in the DaemonSet
const REPLY_BYTES = 200 * 1024 * 1024;

/** Peak resident memory of a running process, in KiB (VmHWM). */
function peakKb(pid: number): number | null {
  try {
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Number.isFinite(kb) ? kb : null;
  } catch {
    return null;
  }
}

describe('an agent answered by a hostile server', () => {
  let server: TestHttpServer;
  let plain: TestHttpServer;
  let sent = 0;
  beforeAll(async () => {
    plain = await startHttpServer((req, res) => { req.resume(); res.writeHead(500).end('busy'); });
    const chunk = Buffer.from('\x1b[2J\x1b]0;pwned\x07error '.repeat(4096));
    server = await startHttpServer((req, res) => {
      req.resume();
      res.writeHead(500, { 'content-type': 'text/plain', 'content-length': String(REPLY_BYTES) });
      const more = () => {
        while (sent < REPLY_BYTES) {
          const part = chunk.subarray(0, Math.min(chunk.length, REPLY_BYTES - sent));
          sent += part.length;
          if (!res.write(part)) return void res.once('drain', more);
        }
        res.end();
      };
      res.on('close', () => res.destroy());
      more();
    });
  });
  afterAll(() => Promise.all([server.close(), plain.close()]));

  /** Runs the agent once against `url`: its exit code, log and peak resident memory (KiB). */
  async function once(url: string) {
    const spool = mkdtempSync(path.join(os.tmpdir(), 'hr-hostile-'));
    const child = spawn(process.execPath, [agentBundle, '--server', url, '--spool-dir', spool, '--host-name', 'hostile', '--once'], {
      env: { ...process.env, HEADROOM_TOKEN: `hr_ingest_${'a'.repeat(43)}` },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr.on('data', (d: Buffer) => { log += d.toString(); });
    let peak = 0;
    const sampler = setInterval(() => { peak = Math.max(peak, peakKb(child.pid!) ?? 0); }, 10);
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    clearInterval(sampler);
    return { code, log, peak };
  }

  it('reads a bounded part of a 200 MB reply, stays under its memory cap, and logs escapes as text', async () => {
    const base = await once(plain.url);
    const hostile = await once(server.url);
    expect(base.peak).toBeGreaterThan(0);
    expect(hostile.code).not.toBe(0);
    // What the agent needs anyway, plus at most 16 MB for the answer: far under the cap.
    expect(hostile.peak).toBeLessThan(base.peak + 16 * 1024);
    expect(hostile.peak).toBeLessThan(CAP_KB);
    expect(sent).toBeLessThan(REPLY_BYTES / 2);
    expect(hostile.log).toContain('HTTP 500');
    expect(hostile.log).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(hostile.log).toContain('\\x1b[2J');
  });
});
