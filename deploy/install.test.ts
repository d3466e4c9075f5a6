// install.sh for real: served by the server's route, run as root into a
// scratch root (HEADROOM_INSTALL_ROOT) inside a mount namespace where the rest
// of / is read-only, so a path that escaped the root fails instead of changing
// this machine. systemctl is a stub that records its calls (no systemd runs
// here); the agent it installed is then run as its unit says, against a real
// server, and --uninstall must leave the root as it found it.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installLines } from '../lib/format';
import { installScript } from '../lib/install';
import { collect } from '../lib/testing/child';
import { startAppServer, type AppServer } from '../lib/testing/app-server';
import { runOnTerminal } from '../lib/testing/pty';
import { useRouteApi } from '../lib/testing/route-database';
import { codeBlocks, section } from './docs-steps';
import { calls, inSandbox, jailed, only, q, sandbox, tree, type Sandbox } from './sandbox';

const repo = path.resolve(import.meta.dirname, '..');
const bundle = path.join(repo, 'agent/dist/headroom-agent.js');
const executable = path.join(repo, 'agent/dist/headroom-agent');
const unit = readFileSync(path.join(repo, 'deploy/agent/headroom-agent.service'), 'utf8');
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const node = process.execPath;
describe('install.sh', () => {
  const api = useRouteApi('pglite');
  let server: AppServer;
  let tamperer: http.Server;
  let tampered = '';
  let script = '';
  let scriptFile = '';
  let tokenFile = '';
  beforeAll(async () => {
    if (!existsSync(executable)) spawnSync(node, ['scripts/build-agent-sea.mjs'], { cwd: repo, stdio: 'ignore' });
    server = await startAppServer();
    // A proxy that changes one byte of every agent file on the way.
    tamperer = http.createServer((req, res) => void fetch(`${server.url}${req.url}`).then(async (r) => {
      const body = Buffer.from(await r.arrayBuffer());
      if (req.url!.startsWith('/agent/')) body.writeUInt8(body.readUInt8(body.length - 1) ^ 1, body.length - 1);
      res.writeHead(r.status).end(body);
    }));
    await new Promise<void>((resolve) => tamperer.listen(0, '127.0.0.1', resolve));
    tampered = `http://127.0.0.1:${(tamperer.address() as AddressInfo).port}`;
    const res = await fetch(`${server.url}/install.sh`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/x-shellscript; charset=utf-8');
    script = await res.text();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-script-'));
    chmodSync(dir, 0o755);
    scriptFile = path.join(dir, 'install.sh');
    writeFileSync(scriptFile, script);
    tokenFile = path.join(dir, 'token');
    writeFileSync(tokenFile, `${api.token.ingest}\n`, { mode: 0o600 });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    tamperer?.close();
  });

  const install = (sb: Sandbox, args: string, o: { stdin?: string; path?: string } = {}) => inSandbox(sb, `sh ${q(scriptFile)} --server ${server.url} ${args}`, o);

  /** docs/deploy.md's Add-a-host lines, for this test's server and token file; as root, so without sudo. */
  function docsLines() {
    const docs = section(readFileSync(path.join(repo, 'docs/deploy.md'), 'utf8'), '## Add a host');
    const here = (l: string) => l.replaceAll('https://headroom.example.com', server.url).replaceAll('/root/headroom-token', tokenFile).replace(/\bsudo /, '');
    const sh = codeBlocks(docs, 'sh').map((b) => b.trim().split('\n').map(here));
    const one = sh.filter((b) => b.length === 1).map((b) => b[0]!);
    const checked = sh.find((b) => b[0]!.startsWith('curl -fsSLo install.sh'))!;
    return {
      checked,
      oneLiner: one.find((l) => l.endsWith(`--server ${server.url}`))!,
      withFile: one.find((l) => l.includes('--token-file'))!,
      uninstall: one.find((l) => l.endsWith('--uninstall'))!,
      byHand: sh.find((b) => b.length > 1 && b !== checked)!,
    };
  }

  /** Runs what the unit starts, with the env file it names, once: the installed agent reports. */
  async function runInstalled(sb: Sandbox) {
    const installed = readFileSync(path.join(sb.root, 'etc/systemd/system/headroom-agent.service'), 'utf8');
    const execStart = /^ExecStart=(.*)$/m.exec(installed)![1]!.split(' ').map((a) => (a.startsWith('/usr/local/lib/headroom/') ? path.join(sb.root, a) : a));
    const envFile = path.join(sb.root, /^EnvironmentFile=(.*)$/m.exec(installed)![1]!);
    const env = Object.fromEntries(readFileSync(envFile, 'utf8').trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    const r = await collect(spawn(execStart[0]!, [...execStart.slice(1), '--once'], { env: only({ PATH: '/nonexistent', ...env, HEADROOM_SPOOL_DIR: mkdtempSync(path.join(sb.work, 'spool-')) }) }));
    expect(r.status, r.stderr).toBe(0);
  }

  it('is shellcheck clean, in the repository and as the server serves it', () => {
    for (const file of [path.join(repo, 'deploy/agent/install.sh'), scriptFile]) {
      const r = spawnSync('shellcheck', ['-s', 'sh', file], { encoding: 'utf8' });
      expect(r.stdout + r.stderr, file).toBe('');
      expect(r.status).toBe(0);
    }
  });

  it('is served with the checksums of the agent files, the unit, and the public URL when one is set', async () => {
    expect(script).toContain(`bundle_sha256='${sha256(bundle)}'`);
    expect(script).toContain(`executable_name='headroom-agent-linux-${process.arch}'\nexecutable_sha256='${sha256(executable)}'`);
    expect(script).toContain(`cat <<'HEADROOM_UNIT'\n${unit}HEADROOM_UNIT\n`);
    // No HEADROOM_PUBLIC_URL in this process: --server is then required.
    expect(script).toContain("default_server=''");
    expect(await installScript("https://headroom.example/it's")).toContain("default_server='https://headroom.example/it'\\''s'");
    const sums = await (await fetch(`${server.url}/agent/checksums`)).text();
    expect(sums).toBe(`${sha256(bundle)}  headroom-agent.js\n${sha256(executable)}  headroom-agent-linux-${process.arch}\n`);
    const exe = await fetch(`${server.url}/agent/headroom-agent-linux-${process.arch}`);
    expect(createHash('sha256').update(Buffer.from(await exe.arrayBuffer())).digest('hex')).toBe(sha256(executable));
    const other = await fetch(`${server.url}/agent/headroom-agent-linux-riscv`);
    expect([other.status, (await other.json()).error.message]).toEqual([404, expect.stringContaining('this server serves headroom-agent.js and headroom-agent-linux-')]);
  });

  it('installs the bundle under Node.js 20+, the token in a root-only file, the unit started; --uninstall leaves nothing', async () => {
    const sb = sandbox();
    const before = tree(sb.root);
    const r = await install(sb, `--token-file ${q(tokenFile)} --host-name installed-host --label ci --label region=eu`);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`headroom install: installed the agent bundle, run by Node.js ${process.versions.node} (${node}): /usr/local/lib/headroom/headroom-agent.js (sha256 ${sha256(bundle)}, as the server gave it)`);
    expect(r.stdout).toContain('headroom install: wrote the server and token to /etc/headroom/agent.env (root only, mode 0600)');
    expect(r.stdout).toContain('headroom install: started headroom-agent.service, and enabled it at boot');
    expect(tree(sb.root)).toEqual([...before, 'etc/headroom 700', 'etc/headroom/agent.env 600', 'etc/systemd/system/headroom-agent.service 644', 'usr/local/lib/headroom 755', 'usr/local/lib/headroom/headroom-agent.js 644'].sort());
    expect(readFileSync(path.join(sb.root, 'usr/local/lib/headroom/headroom-agent.js'))).toEqual(readFileSync(bundle));
    expect(readFileSync(path.join(sb.root, 'etc/headroom/agent.env'), 'utf8')).toBe(`HEADROOM_SERVER=${server.url}\nHEADROOM_TOKEN=${api.token.ingest}\nHEADROOM_HOST_NAME=installed-host\nHEADROOM_LABELS=ci,region=eu\n`);
    expect(readFileSync(path.join(sb.root, 'etc/systemd/system/headroom-agent.service'), 'utf8')).toBe(unit.replace(/^ExecStart=.*$/m, `ExecStart=${node} /usr/local/lib/headroom/headroom-agent.js`));
    expect(calls(sb)).toEqual(['daemon-reload', 'enable headroom-agent.service', 'restart headroom-agent.service']);
    expect(calls(sb).join(' ')).not.toContain(api.token.ingest);

    await runInstalled(sb);
    const host = await api.t.db.host.findUnique({ where: { name: 'installed-host' } });
    expect(host?.agentLabels).toEqual(['ci', 'region=eu']);

    // Run again without a token (an upgrade): it keeps the one it has.
    const again = await install(sb, '--host-name installed-host');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('keeping the token already in /etc/headroom/agent.env');
    expect(readFileSync(path.join(sb.root, 'etc/headroom/agent.env'), 'utf8')).toContain(`HEADROOM_TOKEN=${api.token.ingest}\n`);

    // What systemd's StateDirectory= would hold under DynamicUser=: a spooled report.
    mkdirSync(path.join(sb.root, 'var/lib/private/headroom-agent/spool/installed-host-1a2b3c4d'), { recursive: true });
    writeFileSync(path.join(sb.root, 'var/lib/private/headroom-agent/spool/installed-host-1a2b3c4d/000000000007.json'), '{}');
    symlinkSync('private/headroom-agent', path.join(sb.root, 'var/lib/headroom-agent'));
    writeFileSync(sb.log, '');
    const gone = await inSandbox(sb, `sh ${q(scriptFile)} --uninstall`);
    expect(gone.status, gone.stderr).toBe(0);
    expect(gone.stdout).toContain('removed /var/lib/private/headroom-agent and the 1 report(s) it held');
    expect(gone.stdout).toContain('the Headroom agent is uninstalled');
    expect(calls(sb)).toEqual(['disable --now headroom-agent.service', 'daemon-reload']);
    expect(tree(sb.root)).toEqual(before);
  }, 60_000);

  it('installs the single executable where Node.js is missing or older than 20, and it reports', async () => {
    const sb = sandbox();
    const r = await install(sb, `--token-file ${q(tokenFile)} --host-name sea-host`, { path: `${sb.work}/tools` });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("headroom install: no Node.js on root's PATH: installing the single executable");
    expect(r.stdout).toContain(`installed the single executable headroom-agent-linux-${process.arch}: /usr/local/lib/headroom/headroom-agent (sha256 ${sha256(executable)}`);
    expect(tree(sb.root)).toContain('usr/local/lib/headroom/headroom-agent 755');
    expect(readFileSync(path.join(sb.root, 'etc/systemd/system/headroom-agent.service'), 'utf8')).toMatch(/^ExecStart=\/usr\/local\/lib\/headroom\/headroom-agent$/m);
    await runInstalled(sb);
    expect(await api.t.db.host.count({ where: { name: 'sea-host' } })).toBe(1);

    writeFileSync(path.join(sb.work, 'tools/node'), '#!/bin/sh\nprintf 18.19.0\n', { mode: 0o755 });
    const old = await install(sb, `--token-file ${q(tokenFile)}`, { path: `${sb.work}/tools` });
    expect(old.stdout).toContain(`Node.js 18.19.0 at ${sb.work}/tools/node is older than 20: installing the single executable`);
  }, 60_000);

  it('refuses a download whose checksum is not the server\'s, and changes nothing', async () => {
    const sb = sandbox();
    const before = tree(sb.root);
    const r = await inSandbox(sb, `sh ${q(scriptFile)} --server ${tampered} --token-file ${q(tokenFile)}`);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^headroom install: ${tampered}/agent/headroom-agent.js has sha256 [0-9a-f]{64}, not ${sha256(bundle)} as the server's script says: nothing installed`, 'm'));
    expect(tree(sb.root)).toEqual(before);
    expect(calls(sb)).toEqual([]);
    expect(readdirSync(path.join(sb.work, 'tmp'))).toEqual([]);
  });

  it('takes the token on standard input or at the terminal prompt of the one-liner, never on the command line', async () => {
    const sb = sandbox();
    const stdin = await install(sb, '--token-file -', { stdin: `${api.token.ingest}\n` });
    expect(stdin.status, stdin.stderr).toBe(0);
    expect(readFileSync(path.join(sb.root, 'etc/headroom/agent.env'), 'utf8')).toContain(`HEADROOM_TOKEN=${api.token.ingest}\n`);

    // The one-liner as docs/deploy.md gives it, the token typed at its prompt.
    const fresh = sandbox();
    const { argv, env } = jailed(fresh, docsLines().oneLiner);
    const typed = await runOnTerminal(argv, [{ waitFor: 'not shown): ', send: `${api.token.ingest}\n` }], { cwd: fresh.work, env });
    expect(typed.status, typed.stdout).toBe(0);
    expect(typed.stdout).toContain(`Ingest token for ${server.url} (Settings → API tokens; not shown): `);
    expect(typed.stdout).not.toContain(api.token.ingest);
    expect(readFileSync(path.join(fresh.root, 'etc/headroom/agent.env'), 'utf8')).toContain(`HEADROOM_TOKEN=${api.token.ingest}\n`);
  }, 60_000);

  it('installs with the Add-host dialog\'s lines, checked against the checksum of what is served, as docs/deploy.md shows them', async () => {
    const served = createHash('sha256').update(script).digest('hex');
    const dialog = installLines(server.url, served, api.token.ingest).replace(/\bsudo /, '');
    const docs = docsLines().checked.join('\n');
    // The docs show the same three lines, with placeholders for the checksum and the token.
    expect(docs.replace(/[0-9a-f]{64}|<sha256 from the dialog>/, served).replace('hr_ingest_…', api.token.ingest)).toBe(dialog);
    const sb = sandbox();
    const r = await inSandbox(sb, `cd ${q(sb.work)} && ${dialog.replaceAll('\n', ' && ')}`);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('install.sh: OK');
    expect(readFileSync(path.join(sb.root, 'etc/headroom/agent.env'), 'utf8')).toContain(`HEADROOM_TOKEN=${api.token.ingest}\n`);
    await runInstalled(sb);
    // A script that is not what the server serves stops at the check.
    const other = sandbox();
    const tampered = await inSandbox(other, `cd ${q(other.work)} && ${installLines(server.url, '0'.repeat(64), api.token.ingest).replace(/\bsudo /, '').replaceAll('\n', ' && ')}`);
    expect(tampered.status).not.toBe(0);
    expect(tampered.stdout + tampered.stderr).toContain('FAILED');
    expect(existsSync(path.join(other.root, 'etc/headroom/agent.env'))).toBe(false);
  }, 60_000);

  it('works as docs/deploy.md writes it: with a token file, --uninstall, and the single executable by hand', async () => {
    const lines = docsLines();
    expect(Object.values(lines).every(Boolean)).toBe(true);
    expect(readFileSync(path.join(repo, 'README.md'), 'utf8')).toContain('`curl -fsSL https://headroom.example.com/install.sh | sudo sh -s -- --server https://headroom.example.com`');
    const sb = sandbox();
    const before = tree(sb.root);
    const r = await inSandbox(sb, lines.withFile);
    expect(r.status, r.stderr).toBe(0);
    expect(tree(sb.root)).toContain('etc/headroom/agent.env 600');
    const gone = await inSandbox(sb, lines.uninstall);
    expect(gone.status, gone.stderr).toBe(0);
    expect(tree(sb.root)).toEqual(before);
    // By hand in a folder of its own; the agent told to report once instead of running on.
    const byHand = lines.byHand.map((l) => l.replace('exec ./headroom-agent-linux-x64 --server', `exec ./headroom-agent-linux-x64 --once --spool-dir ${sb.work}/spool --server`));
    expect(byHand.join('\n')).toContain(`/agent/headroom-agent-linux-${process.arch}`);
    const run = await collect(spawn('sh', ['-ec', byHand.join('\n')], { cwd: sb.work, env: only({ PATH: process.env.PATH }) }));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe(`headroom-agent-linux-${process.arch}: OK\n`);
  }, 60_000);

  it('refuses a token on the command line, a token of another scope, none at all, and a server with no executable, changing nothing', async () => {
    const sb = sandbox();
    const before = tree(sb.root);
    const readToken = path.join(sb.work, 'read-token');
    writeFileSync(readToken, api.token.read);
    const unbuilt = mkdtempSync(path.join(os.tmpdir(), 'hr-unbuilt-'));
    for (const f of ['deploy/agent/install.sh', 'deploy/agent/headroom-agent.service', 'agent/dist/headroom-agent.js']) {
      mkdirSync(path.dirname(path.join(unbuilt, f)), { recursive: true });
      cpSync(path.join(repo, f), path.join(unbuilt, f));
    }
    writeFileSync(path.join(sb.work, 'unbuilt.sh'), await installScript('', unbuilt));
    const cases: [string, string][] = [
      [`sh ${q(scriptFile)} --server ${server.url} --token ${api.token.ingest}`, '--token is not taken: a command line is visible to every user of this machine'],
      [`sh ${q(scriptFile)} --server ${server.url} --token-file ${q(readToken)}`, 'that is not an ingest token (hr_ingest_…)'],
      [`sh ${q(scriptFile)} --server ${server.url}`, 'no token: give --token-file FILE'],
      [`sh ${q(scriptFile)} --token-file ${q(tokenFile)}`, '--server URL is required'],
      [`sh ${q(path.join(repo, 'deploy/agent/install.sh'))} --server ${server.url} --token-file ${q(tokenFile)}`, 'this copy of the script has no checksums: run the one the server serves'],
      [`sh ${q(path.join(sb.work, 'unbuilt.sh'))} --server ${server.url} --token-file ${q(tokenFile)} --executable`, `${server.url} has no single executable built (on the server: npm run build:agent:sea)`],
    ];
    for (const [command, message] of cases) {
      const r = await inSandbox(sb, command);
      expect([r.status, r.stderr], command).toEqual([1, expect.stringContaining(`headroom install: ${message}`)]);
    }
    expect(tree(sb.root)).toEqual(before);
    expect(calls(sb)).toEqual([]);
    const user = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'sh', scriptFile, '--server', server.url], { encoding: 'utf8' });
    expect([user.status, user.stderr]).toEqual([1, 'headroom install: run as root (sudo): it installs a system service\n']);
  }, 60_000);
});
