// install.sh as the real server serves it: `headroom serve` (the lean ingest
// front, then Next.js's routes) with HEADROOM_PUBLIC_URL set, the one-liner
// run without --server into a scratch root, the agent files from that server.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDashboardBuild, root } from '../lib/testing/build';
import { freePort } from '../lib/testing/ports';
import { until } from '../lib/testing/wait';
import { calls, inSandbox, q, sandbox, tree } from './sandbox';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('install.sh from headroom serve', () => {
  let server: ChildProcess;
  let url = '';
  let dir = '';
  let log = '';
  beforeAll(async () => {
    ensureDashboardBuild();
    dir = mkdtempSync(path.join(os.tmpdir(), 'hr-served-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env, HEADROOM_DATA_DIR: dir, PORT: String(port), HOSTNAME: '127.0.0.1', NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', HEADROOM_LOCAL_AGENT: '0', HEADROOM_PUBLIC_URL: url };
    delete env.DATABASE_URL;
    server = spawn(process.execPath, ['bin/headroom.mjs', 'serve'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (d: Buffer) => { log += d; });
    server.stderr!.on('data', (d: Buffer) => { log += d; });
    await until('headroom serve to answer', async () => {
      if (server.exitCode !== null) throw new Error(`headroom serve exited:\n${log}`);
      return (await fetch(`${url}/api/health`).catch(() => null))?.ok ?? false;
    }, 120_000);
  }, 600_000);
  afterAll(async () => {
    server?.kill('SIGTERM');
    await until('headroom serve to stop', () => server.exitCode !== null || server.signalCode !== null, 20_000).catch(() => server.kill('SIGKILL'));
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the script, the checksums and the bundle, and the one-liner installs from it with no --server', async () => {
    const script = await (await fetch(`${url}/install.sh`)).text();
    expect(script).toContain(`default_server='${url}'`);
    const bundle = Buffer.from(await (await fetch(`${url}/agent/headroom-agent.js`)).arrayBuffer());
    expect(bundle).toEqual(readFileSync(path.join(root, 'agent/dist/headroom-agent.js')));
    expect(await (await fetch(`${url}/agent/checksums`)).text()).toContain(`${sha256(bundle)}  headroom-agent.js\n`);
    expect(script).toContain(`bundle_sha256='${sha256(bundle)}'`);

    const sb = sandbox();
    // Installing needs no word from the server about the token: any ingest token's shape will do.
    const token = path.join(sb.work, 'token');
    writeFileSync(token, 'hr_ingest_servedTestToken\n', { mode: 0o600 });
    const r = await inSandbox(sb, `curl -fsSL ${url}/install.sh | sh -s -- --token-file ${q(token)}`);
    expect(r.status, r.stderr).toBe(0);
    expect(tree(sb.root)).toEqual(expect.arrayContaining(['usr/local/lib/headroom/headroom-agent.js 644', 'etc/headroom/agent.env 600']));
    expect(readFileSync(path.join(sb.root, 'etc/headroom/agent.env'), 'utf8')).toBe(`HEADROOM_SERVER=${url}\nHEADROOM_TOKEN=hr_ingest_servedTestToken\n`);
    expect(calls(sb)).toEqual(['daemon-reload', 'enable headroom-agent.service', 'restart headroom-agent.service']);
  }, 60_000);
});
