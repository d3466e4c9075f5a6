// The embedded database is this user's alone: its files, and the only way in (a unix socket).
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { serveEmbedded } from './embedded';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Every path under `dir` that others could read or enter. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const walk = (p: string) => {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) return;
    if (st.mode & 0o077) found.push(`${path.relative(dir, p) || '.'} ${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) readdirSync(p).forEach((n) => walk(path.join(p, n)));
  };
  walk(dir);
  return found;
}

/** TCP ports this process listens on (from /proc/net/tcp*, by socket inode). */
function listeningPorts(): number[] {
  const own = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const m = /socket:\[(\d+)\]/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (m) own.add(m[1]!);
    } catch { /* closed meanwhile */ }
  }
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((f) => readFileSync(f, 'utf8').trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/))
    .filter((c) => c[3] === '0A' && own.has(c[9]!)).map((c) => parseInt(c[1]!.split(':')[1]!, 16)));
}

async function opened(dir: string) {
  const e = await serveEmbedded(dir, { privateUmask: true });
  const c = new pg.Client({ connectionString: e.url });
  await c.connect();
  await c.query('CREATE TABLE IF NOT EXISTS t (n int); INSERT INTO t VALUES (1)');
  await c.end();
  return e;
}

describe('the embedded database is private to its user', () => {
  it('keeps a fresh folder 0700 and its files 0600, whatever the umask', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'hr-priv-'));
    made.push(parent);
    const before = process.umask(0o000);
    try {
      const e = await opened(path.join(parent, 'data'));
      expect(openToOthers(path.join(parent, 'data'))).toEqual([]);
      expect(process.umask()).toBe(0o077);
      await e.close();
    } finally {
      process.umask(before);
    }
  });

  it('closes a folder an older install left open (0755, files 0644)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-priv-'));
    made.push(dir);
    const e1 = await opened(dir);
    await e1.close();
    const loosen = (p: string) => {
      const st = lstatSync(p);
      chmodSync(p, st.isDirectory() ? 0o755 : 0o644);
      if (st.isDirectory()) readdirSync(p).forEach((n) => loosen(path.join(p, n)));
    };
    loosen(dir);
    writeFileSync(path.join(dir, 'notes.txt'), 'left here', { mode: 0o644 });
    expect(openToOthers(dir).length).toBeGreaterThan(10);
    const e2 = await opened(dir);
    expect(openToOthers(dir)).toEqual([]);
    await e2.close();
  });

  it('serves a folder with a long path on a private socket, never on TCP', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'hr-priv-'));
    made.push(parent);
    const deep = path.join(parent, 'a-rather-long-folder-name-for-the-data'.repeat(3));
    mkdirSync(deep, { recursive: true });
    expect(path.join(deep, '.s.PGSQL.5432').length).toBeGreaterThan(108);
    const e = await serveEmbedded(deep);
    try {
      const host = new URL(e.url).searchParams.get('host')!;
      expect(host.startsWith('/tmp/headroom-')).toBe(true);
      expect(statSync(host).mode & 0o777).toBe(0o700);
      expect(listeningPorts()).toEqual([]);
      const c = new pg.Client({ connectionString: e.url });
      await c.connect();
      expect((await c.query('SELECT 1 AS one')).rows[0].one).toBe(1);
      await c.end();
    } finally {
      await e.close();
    }
    expect(() => statSync(new URL(e.url).searchParams.get('host')!)).toThrow();
  });
});
