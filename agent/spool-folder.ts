// Where the spool lives by default: one folder per server and host name, so
// two agents as root (another server, a second agent in a user namespace) do
// not share one. Older agents kept every report in the parent folder itself.
import { existsSync, linkSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { sha256Hex } from './digest';
import path from 'node:path';
import { writeDurably } from './spool';

export interface SpoolFolder { dir: string; legacy: string }

/** The state folder: root's, systemd's StateDirectory=, else the user's XDG state folder. */
function stateBase(env: Record<string, string | undefined>): string {
  if (process.getuid?.() === 0) return '/var/lib/headroom-agent';
  const systemd = env.STATE_DIRECTORY?.split(':')[0];
  if (systemd) return systemd;
  return `${env.XDG_STATE_HOME || `${env.HOME || '/tmp'}/.local/state`}/headroom-agent`;
}

/** <state>/spool/<host name>-<8 hex of the server URL's SHA-256>; `legacy` is the folder older agents used. */
export function defaultSpoolFolder(env: Record<string, string | undefined>, server: string, hostName: string | undefined): SpoolFolder {
  const legacy = `${stateBase(env)}/spool`;
  let url = server;
  try {
    url = new URL(server).href.replace(/\/+$/, '');
  } catch { /* config checked its shape; the hash is the same for the same text */ }
  const hash = sha256Hex(url).slice(0, 8);
  const name = (hostName || os.hostname()).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100);
  return { dir: `${legacy}/${name}-${hash}`, legacy };
}

const ENTRY = /^\d{12}\.json$/;

function hostOf(file: string): string | null {
  try {
    const name = (JSON.parse(readFileSync(file, 'utf8')) as { host?: { name?: unknown } }).host?.name;
    return typeof name === 'string' ? name : null;
  } catch {
    return null;
  }
}

/**
 * Moves the reports of `hostName` that an older agent left in `legacy` into
 * `dir`, whose lock is held; reports of other host names stay for their own
 * agents. A fresh `dir` takes the old numbering on, so the server sees no gap.
 */
export function adoptLegacySpool(folder: SpoolFolder, hostName: string | undefined): number {
  const { dir, legacy } = folder;
  let names: string[];
  try {
    names = readdirSync(legacy).filter((n) => ENTRY.test(n));
  } catch {
    return 0;
  }
  const host = hostName || os.hostname();
  const fresh = !existsSync(path.join(dir, 'state.json'));
  let moved = 0;
  for (const name of names) {
    const from = path.join(legacy, name);
    if (hostOf(from) !== host) continue;
    try {
      // A link fails where rename would overwrite: a report already in `dir` under that number stays.
      linkSync(from, path.join(dir, name));
      rmSync(from, { force: true });
      moved++;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' && (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  if (fresh) {
    try {
      writeDurably(dir, 'state.json', readFileSync(path.join(legacy, 'state.json'), 'utf8'));
    } catch { /* no old state: numbering starts from the moved reports */ }
  }
  return moved;
}
