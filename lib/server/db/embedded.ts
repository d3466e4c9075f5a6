// The embedded database: PGlite in a data folder, served over the Postgres wire
// protocol on a unix socket inside that folder. PGlite allows one process per
// folder, so the process that opens it serves it and every other process (the
// Next.js server, the CLI, tests) connects through pg like to a real server.
import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { startCheckpointer, WAL_START_PARAMS } from './checkpointer';
import { ConnectionAffineQueue } from './pglite-queue';

const LOCK = 'embedded.lock';
const INFO = 'embedded.json';
// sun_path holds 108 bytes; a longer folder gets its socket in a private folder under /tmp.
const MAX_SOCKET_PATH = 100;

export interface Embedded {
  url: string;
  close(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** URL of the embedded database another process is serving from this folder, if any. */
export function runningEmbeddedUrl(dir: string): string | null {
  try {
    const info = JSON.parse(readFileSync(path.join(dir, INFO), 'utf8')) as { pid: number; url: string };
    return alive(info.pid) ? info.url : null;
  } catch {
    return null;
  }
}

// Folders this process has open. A lock file naming our own pid but not listed here was
// left by an earlier process that had the same pid (a container's pid 1 after a restart).
const openHere = new Set<string>();

function acquireLock(dir: string): void {
  if (openHere.has(dir)) throw new Error(`the embedded database in ${dir} is open in process ${process.pid}`);
  const lock = path.join(dir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(lock, 'utf8'));
      if (alive(holder) && holder !== process.pid) throw new Error(`the embedded database in ${dir} is open in process ${holder}`);
      rmSync(lock, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${lock}`);
}

export function socketUrl(dir: string): string {
  return `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}`;
}

/** The folder and all in it for this user only (0700 folders, 0600 files), whatever an older install or umask left. */
export function makePrivate(dir: string): void {
  chmodSync(dir, 0o700);
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const st = lstatSync(p);
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) makePrivate(p);
    else chmodSync(p, 0o600);
  }
}

/** Where the socket goes: in the data folder, or in a fresh 0700 folder under /tmp when that path is too long. */
function socketPlace(dir: string): { path: string; own: string | null } {
  const inFolder = path.join(dir, '.s.PGSQL.5432');
  if (inFolder.length <= MAX_SOCKET_PATH) return { path: inFolder, own: null };
  const own = mkdtempSync('/tmp/headroom-');
  return { path: path.join(own, '.s.PGSQL.5432'), own };
}

/** Opens the folder's database and serves it; `close()` stops serving and releases the folder. */
export interface ServeOptions {
  /**
   * Umask 077 for the whole process from here on, so the files PGlite keeps
   * creating (WAL segments, relations) are 0600 from the start. For the
   * processes that serve a folder for good (`headroom serve`, a CLI command);
   * not for one that writes other people's files too (a test run).
   */
  privateUmask?: boolean;
}

export async function serveEmbedded(dirArg: string, o: ServeOptions = {}): Promise<Embedded> {
  const dir = path.resolve(dirArg);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (o.privateUmask) process.umask(0o077);
  makePrivate(dir);
  acquireLock(dir);
  openHere.add(dir);
  try {
    const db = await PGlite.create(path.join(dir, 'pgdata'), { startParams: [...PGlite.defaultStartParams, ...WAL_START_PARAMS] });
    // PGlite unpacks its initial files 0666 and writes its start-up caches 0644, past the umask.
    makePrivate(dir);
    // Never TCP: pglite-socket takes any login, so only this user may reach the socket.
    const socket = socketPlace(dir);
    if (existsSync(socket.path)) rmSync(socket.path);
    const server = new PGLiteSocketServer({ db, path: socket.path, maxConnections: 100 });
    // Replaces the library's message queue before any connection is made (see pglite-queue.ts).
    (server as unknown as { queryQueue: ConnectionAffineQueue }).queryQueue = new ConnectionAffineQueue(db);
    await server.start();
    const url = socketUrl(path.dirname(socket.path));
    writeFileSync(path.join(dir, INFO), JSON.stringify({ pid: process.pid, url }), { mode: 0o600 });
    const checkpointer = startCheckpointer(url);
    return {
      url,
      async close() {
        await checkpointer.stop();
        await server.stop();
        await db.close();
        rmSync(path.join(dir, INFO), { force: true });
        rmSync(path.join(dir, LOCK), { force: true });
        rmSync(socket.own ?? socket.path, { recursive: true, force: true });
        openHere.delete(dir);
      },
    };
  } catch (err) {
    rmSync(path.join(dir, LOCK), { force: true });
    openHere.delete(dir);
    throw err;
  }
}
