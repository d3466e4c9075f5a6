import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openTestDatabase, type TestDatabase } from '../../testing/databases';
import { applyMigrations } from './migrate';

const migrations = path.resolve(import.meta.dirname, '../../../prisma/migrations');

describe.each(dbKinds)('migrations on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(kind); });
  afterAll(async () => { await t.close(); });

  it('records every migration as prisma migrate does, and applies nothing twice', async () => {
    const again = await applyMigrations(t.url, migrations);
    expect(again).toEqual({ applied: [], modified: [] });
    const c = new pg.Client({ connectionString: t.url });
    await c.connect();
    const { rows } = await c.query('SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name');
    await c.end();
    const first = rows[0] as { migration_name: string; checksum: string; finished_at: Date };
    const sql = readFileSync(path.join(migrations, first.migration_name, 'migration.sql'));
    expect(first.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
    expect(first.finished_at).toBeInstanceOf(Date);
  });

  it('reports an applied migration that was edited, and stops on a failing one without recording it as applied', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-mig-'));
    cpSync(migrations, dir, { recursive: true });
    const [name] = readdirSync(dir).filter((d) => /^\d/.test(d));
    writeFileSync(path.join(dir, name!, 'migration.sql'), readFileSync(path.join(dir, name!, 'migration.sql'), 'utf8') + '\n-- edited\n');
    expect((await applyMigrations(t.url, dir)).modified).toEqual([name]);
    const bad = path.join(dir, '99999999999999_broken');
    mkdirSync(bad);
    writeFileSync(path.join(bad, 'migration.sql'), 'CREATE TABLE ok_part (id int);\nSELECT * FROM no_such_table;');
    await expect(applyMigrations(t.url, dir)).rejects.toThrow(/99999999999999_broken failed/);
    // The failed migration's half is rolled back, and the history refuses to go on until fixed.
    await expect(applyMigrations(t.url, dir)).rejects.toThrow(/failed earlier/);
  });
});
