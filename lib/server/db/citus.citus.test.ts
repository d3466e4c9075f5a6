// Headroom on a real Citus coordinator (HEADROOM_TEST_CITUS_URL, a database
// with the citus extension and its workers added; Headroom's tables in it
// are dropped first). Run by `npm test` only when that is set; it says so either way.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../../alerts';
import { compactOnce, hostContainersAnswer, hostSeries, mergeRange, pruneOnce, rollupOnce } from '../../history';
import { getHost, queryFleet } from '../../hosts';
import { ingestReport } from '../../ingest';
import { distribute, renderMetrics } from '../../ops';
import { fleetQuery } from '../../protocol';
import { atOnce } from '../../testing/alerting';
import { citusSql, dropHeadroomTables } from '../../testing/citus';
import { testPrincipal as principal } from '../../testing/principal';
import { containersOf, failuresOf, makeReport } from '../../testing/report-factory';
import { alertsPage, fleetPage, hostPage, limitsPage } from '../../views';
import { createDb, setDbForTests, type Db } from './client';
import { applyMigrations } from './migrate';
import type { Sql } from './raw';

const url = process.env.HEADROOM_TEST_CITUS_URL!;
const admin = { id: 'u', name: 'admin', role: 'admin' } as const;
const migrations = path.resolve(import.meta.dirname, '../../../prisma/migrations');
const FIRST_DISTRIBUTABLE = '20261204021308_host_keys_without_update_cascade';
const LATER_SAMPLE = `ALTER TABLE "host_state" ADD COLUMN "later_sample" INTEGER NOT NULL DEFAULT 0;
UPDATE "host_state" SET "later_sample" = 1;
CREATE INDEX "report_later_sample_idx" ON "report" ("host_id", "sequence");
DROP INDEX "report_later_sample_idx";
ALTER TABLE "host_state" DROP COLUMN "later_sample";
`;

function copyOf(names: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-migrations-'));
  for (const n of names) cpSync(path.join(migrations, n), path.join(dir, n), { recursive: true });
  return dir;
}

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => citusSql<T>(url, text, params);

/** Commits Citus made with two-phase commit since the last call: none may come from ingest. */
const twoPhaseCommits = async () => Number((await sql<{ n: string }>('SELECT count(*) AS n FROM pg_dist_transaction'))[0]!.n);

describe('Headroom on Citus', () => {
  let db: Db;
  beforeAll(async () => {
    await dropHeadroomTables(url);
    // No recovery of two-phase commits while this runs, so each one stays counted.
    await sql('ALTER SYSTEM SET citus.recover_2pc_interval = -1');
    await sql('SELECT pg_reload_conf()');
    await sql('SELECT recover_prepared_transactions()');
    db = createDb(url);
    setDbForTests(db);
  }, 120_000);
  afterAll(async () => {
    setDbForTests(undefined);
    await db?.$disconnect();
    await sql('ALTER SYSTEM RESET citus.recover_2pc_interval');
    await sql('SELECT pg_reload_conf()');
  });

  it('distributes a migrated database once, says what it did, and takes later migrations', async () => {
    const names = readdirSync(migrations, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    // The first history Citus takes: from the migration that stopped cascading updates to host keys.
    const first = names.indexOf(FIRST_DISTRIBUTABLE);
    expect(first).toBeGreaterThan(0);
    const early = copyOf(names.slice(0, first + 1));
    const later = copyOf(names);
    try {
      // What later migrations do, on the distributed tables: a column with a default, filled, an index, dropped again.
      mkdirSync(path.join(later, '99990101000000_later_sample'));
      writeFileSync(path.join(later, '99990101000000_later_sample', 'migration.sql'), LATER_SAMPLE);
      await applyMigrations(url, early);
      const done = await distribute(db);
      expect(done.done).toHaveLength(13);
      expect((await distribute(db)).done).toEqual([]);
      const applied = (await applyMigrations(url, later)).applied;
      expect(applied).toEqual([...names.slice(first + 1), '99990101000000_later_sample']);
    } finally {
      for (const d of [early, later]) rmSync(d, { recursive: true, force: true });
    }
    expect((await distribute(db)).already).toHaveLength(13);
    const types = await sql<{ t: string; type: string }>(`SELECT table_name::text AS t, citus_table_type AS type FROM citus_tables`);
    expect(types.find((x) => x.t === 'host')!.type).toBe('reference');
    expect(types.filter((x) => x.type === 'distributed')).toHaveLength(12);
  }, 300_000);

  it('takes reports without a two-phase commit, and reads them back on every page', async () => {
    await sql('SELECT recover_prepared_transactions()');
    const before = await twoPhaseCommits();
    const start = Date.now() - 10 * 60_000;
    const ids: string[] = [];
    for (let m = 0; m < 10; m++) {
      for (let h = 0; h < 8; h++) {
        const r = makeReport({ hostName: `citus-${h}`, collectedAt: new Date(start + m * 60_000), instances: 20 + h * 10 + m });
        const a = await ingestReport(db, principal, r);
        if (m === 0) ids.push(a.hostId);
      }
    }
    // The hosts were new, so the host rows (a reference table, on every node) went out with 2PC; the rest may not.
    const afterFirst = await twoPhaseCommits();
    for (let h = 0; h < 8; h++) await ingestReport(db, principal, makeReport({ hostName: `citus-${h}`, collectedAt: new Date(start + 11 * 60_000) }));
    expect(await twoPhaseCommits()).toBe(afterFirst);
    expect(afterFirst).toBeGreaterThan(before); // the count does see two-phase commits: the new hosts' rows
    const fleet = await queryFleet(db, fleetQuery.parse({ q: 'citus-' }));
    expect(fleet.hosts).toHaveLength(8);
    const { summary } = await getHost(db, ids[3]!);
    expect(summary.name).toBe('citus-3');
    const series = await hostSeries(db, ids[3]!, new Date(start - 60_000), new Date(), 15);
    expect(series.points.length).toBeGreaterThan(5);
    expect((await renderMetrics(db)).body).toContain('headroom_used_ratio');
  }, 300_000);

  it('shows every page from the distributed tables: fleet, host, alerts, limits', async () => {
    const r = makeReport({ hostName: 'citus-2', collectedAt: new Date(Date.now() - 5000), failures: failuresOf([{ program: 'buildkitd', call: 'inotify_init1', errno: 'EMFILE' }]) });
    const { hostId } = await ingestReport(db, principal, { ...r, byContainer: containersOf([{ id: 'c1', name: 'builder', instances: 4 }]) });
    await evaluateAlerts(db, atOnce);
    const fleet = await fleetPage(admin, {}).hosts;
    expect(fleet.page.hosts.find((h) => h.id === hostId)!.failuresLastHour).toBe(1);
    const host = (await hostPage(admin, hostId, {}))!;
    expect(host.failures.events.map((e) => e.program)).toContain('buildkitd');
    const containers = await hostContainersAnswer(db, hostId, new Date(Date.now() - 3600_000), new Date(), new Date(r.collectedAt));
    expect(containers.containers!.map((c) => c.name)).toContain('builder');
    const alerts = await alertsPage(admin, {});
    expect(alerts.table.alerts.some((a) => a.host.name === 'citus-2' && a.dimension === 'failures')).toBe(true);
    const limits = await limitsPage();
    expect(limits.hosts).toBeGreaterThanOrEqual(8);
  }, 300_000);

  it('rolls up with statements Citus pushes down to every shard, nothing pulled to the coordinator', async () => {
    const seen: { sql: string; params: unknown[] }[] = [];
    const capture: Sql = {
      $queryRawUnsafe: (q, ...p) => { seen.push({ sql: q, params: p }); return db.$queryRawUnsafe(q, ...p); },
      $executeRawUnsafe: (q, ...p) => { seen.push({ sql: q, params: p }); return db.$executeRawUnsafe(q, ...p); },
    };
    await mergeRange(capture, new Date(Date.now() - 3600_000), new Date());
    const inserts = seen.filter((x) => x.sql.includes('INSERT'));
    const [{ n: shards }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM pg_dist_shard WHERE logicalrelid = 'report'::regclass`) as [{ n: number }];
    expect(inserts).toHaveLength(2);
    for (const s of inserts) {
      const plan = (await db.$queryRawUnsafe<Record<string, string>[]>(`EXPLAIN ${s.sql}`, ...s.params)).map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toContain(`Task Count: ${shards}`);
      expect(plan).not.toMatch(/pull to coordinator|Distributed Subplan|repartition/i);
    }
  }, 120_000);

  it('runs the background jobs: rollups, compaction, retention, alert evaluation', async () => {
    expect(await rollupOnce(db)).not.toBeNull();
    expect(await compactOnce(db)).not.toBeNull();
    const pruned = await pruneOnce(db);
    expect(pruned.reports).toBeGreaterThanOrEqual(0);
    const r = await evaluateAlerts(db, atOnce);
    expect(r).toBeTruthy();
  }, 300_000);
});
