// The quiet defaults reach existing installs: the migration gives the default
// rules their waits only where they are still as first created, and marks
// what the open alerts of before had announced. On a real Postgres database,
// migrated up to the version before, used, then upgraded.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, dropDatabase, openTestDatabase } from '../testing/databases';
import { applyMigrations } from '../server/db/migrate';

const migrations = path.resolve(import.meta.dirname, '../../prisma/migrations');
// The first migration of quiet alerting: the database is left at the one before, as an install of then.
const FIRST = readdirSync(migrations).find((n) => n.endsWith('_alert_incidents'))!;

describe('the quiet alert defaults', () => {
  const name = `headroom_test_defaults_${process.pid}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-mig-'));
  afterAll(async () => {
    await dropDatabase(name);
    rmSync(dir, { recursive: true, force: true });
  });

  it('waits before every default rule fires on a fresh install', async () => {
    const t = await openTestDatabase('pglite');
    const rules = await t.db.alertRule.findMany({ orderBy: { id: 'asc' }, select: { dimension: true, forSeconds: true } });
    await t.close();
    expect(rules.map((r) => `${r.dimension} ${r.forSeconds}`)).toEqual([
      'inotifyInstances 60', 'inotifyWatches 60', 'systemFds 60', 'processFds 60', 'silent 120', 'panicRisk 60', 'exhaustion 180',
      // But a failed call: it has happened, there is nothing to wait for.
      'failures 0',
    ]);
  });

  it('upgrades the default rules nobody edited, leaves edited ones, and marks what open alerts announced', async () => {
    for (const m of readdirSync(migrations)) if (m < FIRST && m !== 'migration_lock.toml') cpSync(path.join(migrations, m), path.join(dir, m), { recursive: true });
    const url = await createDatabase(name);
    await applyMigrations(url, dir);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      // An admin renamed one rule, gave another a wait of its own, disabled a third.
      await c.query(`UPDATE alert_rule SET name = 'root instances' WHERE id = '00000000-0000-4000-8000-000000000001'`);
      await c.query(`UPDATE alert_rule SET for_seconds = 30 WHERE id = '00000000-0000-4000-8000-000000000003'`);
      await c.query(`UPDATE alert_rule SET critical = 0.95 WHERE id = '00000000-0000-4000-8000-000000000006'`);
      await c.query(`UPDATE alert_rule SET enabled = false WHERE id = '00000000-0000-4000-8000-000000000004'`);
      const host = (await c.query<{ id: string }>(`INSERT INTO host (id, name) VALUES (gen_random_uuid(), 'old') RETURNING id`)).rows[0]!.id;
      const alert = (open: string | null, rule: string, dimension: string, state: string, notified: boolean) => c.query(
        `INSERT INTO alert (id, host_id, rule_id, open_key, dimension, state, severity, value, started_at, last_notified_at)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, 'critical', 0.95, now(), $6)`,
        [host, rule, open, dimension, state, notified ? new Date() : null]);
      await alert(`${host}:00000000-0000-4000-8000-000000000002`, '00000000-0000-4000-8000-000000000002', 'inotifyWatches', 'firing', true);
      await alert(`${host}:00000000-0000-4000-8000-000000000007`, '00000000-0000-4000-8000-000000000007', 'exhaustion', 'firing', false);

      expect((await applyMigrations(url, migrations)).applied).toEqual(readdirSync(migrations).filter((m) => m >= FIRST && m !== 'migration_lock.toml'));
      const rules = await c.query<{ dimension: string; for_seconds: number }>(`SELECT dimension, for_seconds FROM alert_rule ORDER BY id`);
      expect(rules.rows.map((r) => `${r.dimension} ${r.for_seconds}`)).toEqual([
        'inotifyInstances 0', // renamed: an admin's rule now
        'inotifyWatches 60', 'systemFds 30', 'processFds 60', 'silent 120',
        'panicRisk 0', // its level changed
        'exhaustion 180',
        'failures 0',
      ]);
      const alerts = await c.query<{ dimension: string; resource: string | null; notified_severity: string | null }>(`SELECT dimension, resource, notified_severity FROM alert ORDER BY dimension`);
      expect(alerts.rows).toEqual([
        // Had fired unannounced (a silence): still owed its announcement.
        { dimension: 'exhaustion', resource: null, notified_severity: null },
        { dimension: 'inotifyWatches', resource: 'inotifyWatches', notified_severity: 'critical' },
      ]);
    } finally {
      await c.end();
    }
  });
});
