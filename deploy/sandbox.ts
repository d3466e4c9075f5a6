// A scratch root for install.sh: HEADROOM_INSTALL_ROOT and a work folder (a
// stub systemctl that records its calls, a PATH of tools without Node.js,
// TMPDIR), run in a mount namespace where the rest of / is read-only, so a
// path that escaped the root fails instead of changing this machine.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collect } from '../lib/testing/child';

const which = (t: string) => spawnSync('sh', ['-c', `command -v ${t}`], { encoding: 'utf8' }).stdout.trim();
const [setsid, unshare, mount] = ['setsid', 'unshare', 'mount'].map(which) as [string, string, string];
// What the script runs, for a PATH without Node.js.
const tools = ['sh', 'id', 'curl', 'sha256sum', 'mktemp', 'mkdir', 'chmod', 'mv', 'rm', 'rmdir', 'cp', 'cut', 'sed', 'head', 'tr', 'grep', 'find', 'wc', 'uname', 'cat', 'stty'];

// The child gets these variables alone (Next.js's types declare NODE_ENV required; Node does not).
export const only = (vars: Record<string, string | undefined>) => vars as unknown as NodeJS.ProcessEnv;
export interface Sandbox { root: string; work: string; log: string }

/** A scratch root with the folders a Debian system has, a stub systemctl and a PATH of tools, outside it. */
export function sandbox(): Sandbox {
  const root = mkdtempSync(path.join(os.tmpdir(), 'hr-root-'));
  const work = mkdtempSync(path.join(os.tmpdir(), 'hr-work-'));
  for (const d of ['etc/systemd/system', 'usr/local/lib', 'var/lib/private']) mkdirSync(path.join(root, d), { recursive: true });
  for (const d of ['bin', 'tools', 'tmp']) mkdirSync(path.join(work, d));
  writeFileSync(path.join(work, 'bin/systemctl'), '#!/bin/sh\nprintf \'%s\\n\' "$*" >>"$SYSTEMCTL_LOG"\n');
  chmodSync(path.join(work, 'bin/systemctl'), 0o755);
  for (const t of tools) symlinkSync(which(t), path.join(work, 'tools', t));
  return { root, work, log: path.join(work, 'systemctl.log') };
}

/** Every path under `dir` with its mode (and a symlink's target): what a root holds. */
export function tree(dir: string, at = ''): string[] {
  return readdirSync(path.join(dir, at)).sort().flatMap((name) => {
    const rel = path.join(at, name);
    const s = lstatSync(path.join(dir, rel));
    if (s.isSymbolicLink()) return [`${rel} -> ${readlinkSync(path.join(dir, rel))}`];
    const entry = `${rel} ${(s.mode & 0o7777).toString(8)}`;
    return s.isDirectory() ? [entry, ...tree(dir, rel)] : [entry];
  });
}

export const calls = (sb: Sandbox) => (existsSync(sb.log) ? readFileSync(sb.log, 'utf8').trim().split('\n') : []);

/** `command` (sh -c) in a mount namespace where only the sandbox is writable: its argv and environment. */
export function jailed(sb: Sandbox, command: string, toolPath = process.env.PATH) {
  const jail = `${mount} --bind "$1" "$1" && ${mount} --bind "$2" "$2" && ${mount} -o remount,bind,ro / && exec sh -c "$3"`;
  const env = only({ PATH: `${sb.work}/bin:${toolPath}`, HEADROOM_INSTALL_ROOT: sb.root, TMPDIR: `${sb.work}/tmp`, SYSTEMCTL_LOG: sb.log });
  return { argv: [unshare, '-m', '--propagation', 'private', 'sh', '-c', jail, 'sh', sb.root, sb.work, command], env };
}

/** The same in a session of its own, without a terminal. */
export function inSandbox(sb: Sandbox, command: string, o: { stdin?: string; path?: string } = {}) {
  const { argv, env } = jailed(sb, command, o.path);
  return collect(spawn(setsid, ['-w', ...argv], { env, stdio: ['pipe', 'pipe', 'pipe'] }), o.stdin ?? '');
}

export const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
