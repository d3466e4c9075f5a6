// `headroom distribute` where there is no Citus: a clear refusal that changes nothing.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../testing/child';
import { openTestDatabase } from '../testing/databases';
import { distribute } from './distribute';

const root = path.resolve(import.meta.dirname, '../..');

describe.each(['postgres', 'pglite'] as const)('headroom distribute on %s', (kind) => {
  it('refuses, saying the server has no Citus, and leaves the tables as they were', async () => {
    const t = await openTestDatabase(kind);
    try {
      const tables = () => t.db.$queryRawUnsafe<{ n: string }[]>(`SELECT tablename AS n FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`);
      const before = await tables();
      await expect(distribute(t.db)).rejects.toThrow('this server has no citus extension: run it on a Citus coordinator');
      expect(await tables()).toEqual(before);
    } finally {
      await t.close();
    }
  });
});

describe('the distribute command', () => {
  it('exits 1 with the reason on a server without Citus', async () => {
    const t = await openTestDatabase('postgres');
    try {
      const r = await collect(spawn(process.execPath, ['bin/headroom.mjs', 'distribute'], { cwd: root, env: { ...process.env, DATABASE_URL: t.url, npm_lifecycle_event: undefined }, timeout: 60_000 }));
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('headroom: this server has no citus extension');
      expect(r.stdout).toBe('');
    } finally {
      await t.close();
    }
  });
});
