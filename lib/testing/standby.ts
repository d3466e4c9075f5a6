// A real streaming standby of the test server: a second PostgreSQL cluster on
// its own port, made by pg_basebackup -R and run as the postgres user. It needs
// `host replication all 127.0.0.1/32 trust` in the server's pg_hba.conf
// (.ci/run adds it).
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { postgresAdminUrl } from './databases';
import { freePort } from './ports';
import { until } from './wait';

export interface Standby {
  port: number;
  /** The standby's URL for a database on the primary. */
  urlFor(primaryUrl: string): string;
  /** Until resumed, WAL arrives but is not applied: the standby falls behind. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stop(): void;
  start(): Promise<void>;
  remove(): void;
}

let binDir: string | undefined;
const bin = (name: string) => {
  binDir ??= `/usr/lib/postgresql/${execFileSync('pg_config', ['--version'], { encoding: 'utf8' }).match(/(\d+)/)![1]}/bin`;
  return `${binDir}/${name}`;
};
const asPostgres = (cmd: string, args: string[]) => {
  const r = spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  return r.stdout;
};

export async function startStandby(): Promise<Standby> {
  const primary = new URL(postgresAdminUrl);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-standby-'));
  chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })));
  const port = await freePort();
  asPostgres(bin('pg_basebackup'), ['-h', primary.hostname, '-p', primary.port || '5432', '-U', primary.username || 'postgres', '-D', dir, '-R', '-X', 'stream', '-c', 'fast', '-N']);
  // Debian keeps a cluster's configuration outside its data folder: the copy brings none.
  for (const [file, text] of [['postgresql.conf', ''], ['pg_hba.conf', 'local all all trust\nhost all all 127.0.0.1/32 trust\n'], ['pg_ident.conf', '']] as const) {
    writeFileSync(path.join(dir, file), text);
  }
  execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c hot_standby_feedback=on`;
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const query = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try { return (await c.query(sql)).rows; } finally { await c.end(); }
  };
  const self: Standby = {
    port,
    urlFor(primaryUrl) {
      const u = new URL(primaryUrl);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    pauseReplay: async () => { await query('SELECT pg_wal_replay_pause()'); },
    resumeReplay: async () => { await query('SELECT pg_wal_replay_resume()'); },
    stop() { asPostgres(bin('pg_ctl'), ['-D', dir, '-m', 'immediate', '-w', 'stop']); },
    async start() {
      asPostgres(bin('pg_ctl'), ['-D', dir, '-l', path.join(dir, 'log'), '-o', opts, '-w', 'start']);
      await until('the standby to accept connections', async () => (await query('SELECT pg_is_in_recovery()').catch(() => null)) !== null, 60_000);
    },
    remove() {
      try { self.stop(); } catch { /* already stopped */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await self.start();
  return self;
}
