// The description is what everything per-dimension is derived from: it must be
// consistent in itself, and every column it names must be in the migrated schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { columnsOf, dimensionCharts, dimensionKeys, dimensionSpecs } from '.';

describe('the dimensions description', () => {
  it('gives each dimension its own columns, metric label and chart place', () => {
    const unique = (xs: unknown[]) => new Set(xs).size === xs.length;
    expect(unique(dimensionSpecs.map((d) => d.column))).toBe(true);
    expect(unique(dimensionSpecs.map((d) => d.metric))).toBe(true);
    expect(dimensionSpecs.every((d) => /^[a-z][a-z0-9_]*$/.test(d.metric) && /^[a-z][a-z0-9_]*$/.test(d.column))).toBe(true);
    expect(dimensionSpecs.map((d) => d.chart.order).sort()).toEqual(dimensionKeys.map((_, i) => i));
    expect(dimensionCharts.map((c) => c.dimension)).toEqual(['inotifyInstances', 'inotifyWatches', 'processFds', 'systemFds']);
  });

  it('reads each dimension from a report: the worst UID, the system, the worst process against its own limit', () => {
    const r = makeReport({ instances: 100, instanceLimit: 128, fdsAllocated: 50_000, processFds: [900, 1000] });
    r.uids.push({ uid: 1000, user: null, instances: 20, watches: 50_000 });
    expect(Object.fromEntries(dimensionSpecs.map((d) => [d.key, d.read(r)]))).toEqual({
      inotifyInstances: { used: 100, limit: 128, series: 'uid 0', subject: 'uid 0 (root)' },
      inotifyWatches: { used: 50_000, limit: r.inotify.maxUserWatches, series: 'uid 1000', subject: 'uid 1000' },
      systemFds: { used: 50_000, limit: r.fds.max, series: '', subject: null },
      processFds: { used: 900, limit: 1000, series: 'containerd 1000', subject: 'containerd (pid 42)' },
    });
    expect(dimensionSpecs.find((d) => d.key === 'processFds')!.read({ ...r, processes: [], daemons: [] })).toEqual({ used: 0, limit: 0, series: '', subject: null });
  });
});

describe('the schema holds every column the description names', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase('pglite'); });
  afterAll(async () => { await t.close(); });

  it('in host_state, report, the rollups and their chunks, of the described type', async () => {
    const rows = await t.db.$queryRawUnsafe<{ table_name: string; column_name: string; udt_name: string }[]>(
      "SELECT table_name, column_name, udt_name FROM information_schema.columns WHERE table_schema = current_schema()");
    const have = new Set(rows.map((r) => `${r.table_name}.${r.column_name}:${r.udt_name}`));
    const want: string[] = [];
    for (const d of dimensionSpecs) {
      const c = columnsOf(d);
      const type = d.sqlType === 'int' ? 'int4' : 'float8';
      const cols = (table: string, names: string[], array = false) => want.push(...names.map((n) => `${table}.${n}:${array ? '_' : ''}${type}`));
      cols('host_state', [c.used, c.limit]);
      want.push(`host_state.${c.slope}:float8`);
      cols('report', [c.used, c.limit]);
      cols('report_chunk', [c.used, c.limit], true);
      for (const table of ['report_minute', 'report_hour']) {
        cols(table, [c.min, c.max, c.last, c.limit]);
        cols(`${table}_chunk`, [c.min, c.max, c.last, c.limit], true);
      }
    }
    expect(want.filter((w) => !have.has(w))).toEqual([]);
  });
});
