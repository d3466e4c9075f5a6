// The Citus layout against the real schema (both databases), and the plan
// `headroom distribute` makes from what a server's catalogs say.
import { describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../testing/databases';
import { COORDINATOR_TABLES_WITH_HOST, DISTRIBUTED_TABLES, planDistribution, REFERENCE_TABLES, type TableSeen } from './distribution';

const all = [...REFERENCE_TABLES, ...DISTRIBUTED_TABLES, 'alert', 'app_user'];
const seenAs = (type: (name: string) => TableSeen['type'], o: Partial<TableSeen> = {}): TableSeen[] =>
  all.map((name) => ({ name, type: type(name), column: type(name) === 'distributed' ? 'host_id' : null, colocationId: type(name) === 'distributed' ? 7 : null, ...o }));
const layoutType = (n: string): TableSeen['type'] =>
  (REFERENCE_TABLES as readonly string[]).includes(n) ? 'reference' : (DISTRIBUTED_TABLES as readonly string[]).includes(n) ? 'distributed' : 'local';

describe('the plan of headroom distribute', () => {
  it('refuses a server without Citus, naming what to do', () => {
    expect(planDistribution(null, seenAs(() => 'local'))).toEqual({ ok: false, reason: expect.stringContaining('no citus extension') });
  });

  it('makes host a reference table first, then distributes every table keyed by host, colocated with the first', () => {
    const plan = planDistribution('13.2-1', seenAs(() => 'local'));
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.already).toEqual([]);
    expect(plan.steps[0]).toMatchObject({ table: 'host', sql: "SELECT create_reference_table('host')" });
    expect(plan.steps[1]!.sql).toBe("SELECT create_distributed_table('host_state', 'host_id', colocate_with => 'none')");
    expect(plan.steps.slice(2).map((s) => s.sql)).toEqual(DISTRIBUTED_TABLES.slice(1).map((t) => `SELECT create_distributed_table('${t}', 'host_id', colocate_with => 'host_state')`));
    expect(plan.steps.map((s) => s.table)).not.toContain('alert');
  });

  it('does nothing the second time, and picks up where a stopped run left off', () => {
    expect(planDistribution('13.2-1', seenAs(layoutType))).toMatchObject({ ok: true, steps: [] });
    const half = seenAs((n) => (n === 'host' || n === 'host_state' || n === 'report' ? layoutType(n) : 'local'));
    const plan = planDistribution('13.2-1', half);
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.already).toHaveLength(3);
    expect(plan.steps.map((s) => s.table)).toEqual(DISTRIBUTED_TABLES.filter((t) => t !== 'host_state' && t !== 'report'));
  });

  it('refuses a layout it did not make rather than stacking on it', () => {
    expect(planDistribution('13.2-1', seenAs(layoutType).map((t) => (t.name === 'report' ? { ...t, column: 'collected_at' } : t))))
      .toEqual({ ok: false, reason: 'report is distributed by collected_at; Headroom needs host_id' });
    expect(planDistribution('13.2-1', seenAs(layoutType).map((t) => (t.name === 'failure' ? { ...t, colocationId: 9 } : t))))
      .toEqual({ ok: false, reason: 'failure is distributed but not colocated with host_state' });
    expect(planDistribution('13.2-1', seenAs(layoutType).map((t) => (t.name === 'host' ? { ...t, type: 'distributed', column: 'id' } : t))))
      .toMatchObject({ ok: false, reason: 'host is a distributed table; Headroom needs it as a reference table' });
    expect(planDistribution('13.2-1', seenAs(layoutType).filter((t) => t.name !== 'uid_sample')))
      .toMatchObject({ ok: false, reason: expect.stringContaining('tables missing: uid_sample') });
  });
});

describe.each(['postgres', 'pglite'] as const)('the schema on %s fits the layout', (kind) => {
  it('names every table keyed by host, keys each distributed table by host_id, and cascades no update to a host key', async () => {
    const t: TestDatabase = await openTestDatabase(kind);
    try {
      const withHost = await t.db.$queryRawUnsafe<{ t: string }[]>(
        `SELECT table_name AS t FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'host_id' ORDER BY 1`,
      );
      // A new table keyed by host must be placed: distributed, or kept on the coordinator on purpose.
      expect(withHost.map((r) => r.t).sort()).toEqual([...DISTRIBUTED_TABLES, ...COORDINATOR_TABLES_WITH_HOST].sort());
      // Citus needs every primary key and unique index of a distributed table to hold its distribution column.
      const unique = await t.db.$queryRawUnsafe<{ t: string; i: string; cols: string[] }[]>(
        `SELECT c.relname AS t, ic.relname AS i, array(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum = ANY (x.indkey)) AS cols
           FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class ic ON ic.oid = x.indexrelid
          WHERE x.indisunique AND c.relname = ANY ($1)`, [...DISTRIBUTED_TABLES],
      );
      expect(unique.filter((u) => !u.cols.includes('host_id'))).toEqual([]);
      expect(new Set(unique.map((u) => u.t))).toEqual(new Set(DISTRIBUTED_TABLES));
      const cascading = await t.db.$queryRawUnsafe<{ t: string }[]>(
        `SELECT conrelid::regclass::text AS t FROM pg_constraint WHERE contype = 'f' AND confrelid = 'host'::regclass AND confupdtype <> 'a'`,
      );
      expect(cascading).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
