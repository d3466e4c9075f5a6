import 'server-only';
import { dimensionColumns, dimensionKeys, dimensionSpec, type DimensionKey } from '../dimensions';
import type { Sql } from '../server/db/raw';
import { columnList, insertSource, iso, unnestFrom, type Column } from '../server/db/unnest';
import { reportKey, type BatchPlan, type HostState, type Row } from './plan';
import { packTrend, unpackTrend } from './trend-window';
import type { ContainerRoom } from '../risk';
import type { Prepared } from './prepare';
import { packProcesses } from './samples';

// The statements a batch's plan (plan.ts) runs, one each whatever the batch size.
type Tx = Sql;

const time = (v: unknown) => (v instanceof Date ? v.getTime() : v === null ? null : Date.parse(String(v)));
const ts = (v: number | null) => (v === null ? null : iso(v));

/** used and limit of the four dimensions, and running containers: columns of both report and host_state. */
function measureColumns(rows: Prepared[]): Column[] {
  const cols: Column[] = [];
  for (const k of dimensionKeys) {
    const { used, limit } = dimensionColumns[k];
    cols.push({ name: used, type: dimensionSpec[k].sqlType, values: rows.map((p) => p.a.dimensions[k].used) });
    cols.push({ name: limit, type: dimensionSpec[k].sqlType, values: rows.map((p) => p.a.dimensions[k].limit) });
  }
  cols.push({ name: 'containers_running', type: 'int', values: rows.map((p) => p.r.containers.running) });
  return cols;
}

/** Inserts the report rows; the `hostId|at` (plan.ts reportKey) of those that were not there already. */
export async function insertReports(tx: Tx, rows: Row[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const cols: Column[] = [
    { name: 'host_id', type: 'uuid', values: rows.map((r) => r.hostId) },
    { name: 'collected_at', type: 'timestamptz', values: rows.map(({ p }) => iso(p.at)) },
    { name: 'sequence', type: 'int', values: rows.map(({ p }) => p.r.sequence ?? 0) },
    ...measureColumns(rows.map((r) => r.p)),
    { name: 'collection_ms', type: 'real', values: rows.map(({ p }) => p.r.scan.durationMs) },
  ];
  const from = insertSource(cols, tx.rowShape);
  // Plain columns: Citus allows only immutable expressions in RETURNING.
  const got = await tx.$queryRawUnsafe<{ id: string; at: unknown }[]>(`
    INSERT INTO report (${columnList(cols)}) ${from.sql}
    ON CONFLICT DO NOTHING
    RETURNING host_id AS id, collected_at AS at`, ...from.params);
  return new Set(got.map((g) => reportKey(String(g.id), time(g.at)!)));
}

/** The current state of these hosts, locked (in id order) until commit: trends advance one report at a time. */
export async function lockStates(tx: Tx, ids: string[]): Promise<Map<string, HostState>> {
  const out = new Map<string, HostState>();
  if (ids.length === 0) return out;
  const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(`
    SELECT host_id::text AS id, collected_at AS at, uids_key, uids_at, processes_key, processes_at,
      report_at, report_key, panic_risk, crashing_buildkit, machine_id, previous_machine_id, machine_id_changed_at, trend_series, trend_window, container_room,
      ${dimensionKeys.map((k) => dimensionColumns[k].used).join(', ')},
      ${dimensionKeys.map((k) => dimensionColumns[k].slope).join(', ')}
    FROM host_state WHERE host_id = ANY($1::uuid[]) ORDER BY host_id FOR UPDATE`, ids);
  for (const r of rows) {
    const used = {} as Record<DimensionKey, number>;
    const slope = {} as Record<DimensionKey, number>;
    for (const k of dimensionKeys) { used[k] = Number(r[dimensionColumns[k].used]); slope[k] = Number(r[dimensionColumns[k].slope]); }
    out.set(String(r.id), {
      at: time(r.at)!, used, slope, series: r.trend_series ? (JSON.parse(String(r.trend_series)) as Record<DimensionKey, string>) : null,
      trend: r.trend_window ? unpackTrend(String(r.trend_window)) : null,
      containerRoom: r.container_room ? (JSON.parse(String(r.container_room)) as ContainerRoom) : null,
      uidsKey: (r.uids_key as string | null) ?? null, uidsAt: time(r.uids_at),
      reportAt: time(r.report_at), reportKey: (r.report_key as string | null) ?? null, panicRisk: Boolean(r.panic_risk), crashingBuildkit: Boolean(r.crashing_buildkit),
      processesKey: (r.processes_key as string | null) ?? null, processesAt: time(r.processes_at),
      machineId: (r.machine_id as string | null) ?? null, previousMachineId: (r.previous_machine_id as string | null) ?? null,
      machineIdChangedAt: time(r.machine_id_changed_at),
    });
  }
  return out;
}

export async function insertUidSamples(tx: Tx, rows: BatchPlan['uidSamples']): Promise<void> {
  if (rows.length === 0) return;
  // unnest cannot take arrays of arrays: each host's list travels as JSON; a VALUES row (no subquery allowed on Citus) takes it as is.
  const values = tx.rowShape === 'values';
  const from = insertSource([
    { name: 'host_id', type: 'uuid', values: rows.map((r) => r.hostId) },
    { name: 'collected_at', type: 'timestamptz', values: rows.map(({ p }) => iso(p.at)) },
    values ? { name: 'uids', type: 'int[]', values: rows.map(({ p }) => p.uidsFlat) } : { name: 'uids', type: 'jsonb', values: rows.map(({ p }) => JSON.stringify(p.uidsFlat)) },
  ], tx.rowShape, values ? {} : { uids: (x) => `ARRAY(SELECT jsonb_array_elements_text(${x})::int)` });
  await tx.$executeRawUnsafe(`INSERT INTO uid_sample (host_id, collected_at, uids) ${from.sql} ON CONFLICT DO NOTHING`, ...from.params);
}

export async function insertProcessSamples(tx: Tx, rows: BatchPlan['processSamples']): Promise<void> {
  if (rows.length === 0) return;
  const from = insertSource([
    { name: 'host_id', type: 'uuid', values: rows.map((r) => r.hostId) },
    { name: 'collected_at', type: 'timestamptz', values: rows.map(({ p }) => iso(p.at)) },
    { name: 'processes', type: 'jsonb', values: rows.map(({ p }) => JSON.stringify(packProcesses(p.r.processes))) },
    // JSON columns travel as one JSON array: an agent without byContainer sends a JSON null, stored as none.
    { name: 'containers', type: 'jsonb', values: rows.map(({ p }) => JSON.stringify(p.r.byContainer ?? null)) },
  ], tx.rowShape, { containers: (x) => `NULLIF(${x}, 'null'::jsonb)` });
  await tx.$executeRawUnsafe(`INSERT INTO process_sample (host_id, collected_at, processes, containers) ${from.sql} ON CONFLICT DO NOTHING`, ...from.params);
}

/** The failed calls of these reports, as sent, and the per-host counters /metrics reads. */
export async function insertFailures(tx: Tx, rows: BatchPlan['failures']): Promise<void> {
  if (rows.length === 0) return;
  const from = insertSource([
    { name: 'host_id', type: 'uuid', values: rows.map((r) => r.hostId) },
    { name: 'collected_at', type: 'timestamptz', values: rows.map(({ p }) => iso(p.at)) },
    { name: 'total', type: 'int', values: rows.map(({ p }) => p.r.failures!.total) },
    { name: 'dropped', type: 'int', values: rows.map(({ p }) => p.r.failures!.dropped) },
    { name: 'counts', type: 'jsonb', values: rows.map(({ p }) => JSON.stringify(p.r.failures!.counts)) },
    { name: 'samples', type: 'jsonb', values: rows.map(({ p }) => JSON.stringify(p.r.failures!.samples)) },
  ], tx.rowShape);
  await tx.$executeRawUnsafe(`INSERT INTO failure (host_id, collected_at, total, dropped, counts, samples) ${from.sql} ON CONFLICT DO NOTHING`, ...from.params);
  // One row per host, call and errno in the statement: ON CONFLICT may touch each only once.
  const sums = new Map<string, { hostId: string; call: string; errno: string; n: number }>();
  for (const { hostId, p } of rows) {
    for (const c of p.r.failures!.counts) {
      const k = `${hostId}|${c.call}|${c.errno}`;
      const s = sums.get(k) ?? { hostId, call: c.call, errno: c.errno, n: 0 };
      s.n += c.count;
      sums.set(k, s);
    }
  }
  if (sums.size === 0) return;
  const list = [...sums.values()];
  const totals = insertSource([
    { name: 'host_id', type: 'uuid', values: list.map((s) => s.hostId) },
    { name: 'call', type: 'text', values: list.map((s) => s.call) },
    { name: 'errno', type: 'text', values: list.map((s) => s.errno) },
    { name: 'count', type: 'int8', values: list.map((s) => s.n) },
  ], tx.rowShape);
  await tx.$executeRawUnsafe(`
    INSERT INTO failure_total (host_id, call, errno, count) ${totals.sql}
    ON CONFLICT (host_id, call, errno) DO UPDATE SET count = failure_total.count + EXCLUDED.count`, ...totals.params);
}

export async function upsertStates(tx: Tx, rows: BatchPlan['states']): Promise<void> {
  if (rows.length === 0) return;
  const cols: Column[] = [
    { name: 'host_id', type: 'uuid', values: rows.map((r) => r.hostId) },
    { name: 'report_id', type: 'uuid', values: rows.map(({ p }) => p.r.reportId) },
    { name: 'collected_at', type: 'timestamptz', values: rows.map(({ p }) => iso(p.at)) },
    { name: 'received_at', type: 'timestamptz', values: rows.map(({ p }) => p.receivedAt.toISOString()) },
    ...measureColumns(rows.map(({ p }) => p)),
    { name: 'worst_fraction', type: 'float8', values: rows.map(({ p }) => p.a.worstFraction) },
    { name: 'panic_risk', type: 'bool', values: rows.map(({ p }) => p.a.panicRisk) },
    { name: 'crashing_buildkit', type: 'bool', values: rows.map(({ p }) => p.a.crashingBuildkit) },
    ...dimensionKeys.map((k) => ({ name: dimensionColumns[k].slope, type: 'float8', values: rows.map(({ s }) => s.slope[k]) })),
    { name: 'trend_series', type: 'text', values: rows.map(({ s }) => JSON.stringify(s.series)) },
    { name: 'trend_window', type: 'text', values: rows.map(({ s }) => packTrend(s.trend)) },
    { name: 'container_room', type: 'text', values: rows.map(({ s }) => (s.containerRoom ? JSON.stringify(s.containerRoom) : null)) },
    { name: 'subjects', type: 'text', values: rows.map(({ p }) => JSON.stringify(p.a.subjects)) },
    { name: 'uids_key', type: 'text', values: rows.map(({ s }) => s.uidsKey) },
    { name: 'uids_at', type: 'timestamptz', values: rows.map(({ s }) => ts(s.uidsAt)) },
    { name: 'processes_key', type: 'text', values: rows.map(({ s }) => s.processesKey) },
    { name: 'processes_at', type: 'timestamptz', values: rows.map(({ s }) => ts(s.processesAt)) },
    { name: 'report_at', type: 'timestamptz', values: rows.map(({ s }) => ts(s.reportAt)) },
    { name: 'report_key', type: 'text', values: rows.map(({ s }) => s.reportKey) },
    { name: 'machine_id', type: 'text', values: rows.map(({ s }) => s.machineId) },
    { name: 'previous_machine_id', type: 'text', values: rows.map(({ s }) => s.previousMachineId) },
    { name: 'machine_id_changed_at', type: 'timestamptz', values: rows.map(({ s }) => ts(s.machineIdChangedAt)) },
  ];
  const from = insertSource(cols, tx.rowShape);
  const set = cols.slice(1).map((c) => `${c.name} = EXCLUDED.${c.name}`).join(', ');
  // The rows were locked above and only newer reports are here; the WHERE still
  // guards against a replica that got a newer report in between (impossible under the lock, cheap to keep).
  await tx.$executeRawUnsafe(`
    INSERT INTO host_state (${columnList(cols)}) ${from.sql}
    ON CONFLICT (host_id) DO UPDATE SET ${set}
    WHERE host_state.collected_at <= EXCLUDED.collected_at`, ...from.params);
}

export async function recordMachineChanges(tx: Tx, rows: BatchPlan['machineChanges']): Promise<void> {
  if (rows.length === 0) return;
  const from = unnestFrom([
    { name: 'host_id', type: 'uuid', values: rows.map((r) => r.hostId) },
    { name: 'previous_machine_id', type: 'text', values: rows.map((r) => r.previousMachineId) },
    { name: 'machine_id_changed_at', type: 'timestamptz', values: rows.map((r) => iso(r.changedAt)) },
  ], 'f');
  // The host ids again as a plain list: Citus prunes shards by it, where the join alone would touch every shard.
  await tx.$executeRawUnsafe(`
    UPDATE host_state h SET previous_machine_id = f.previous_machine_id, machine_id_changed_at = f.machine_id_changed_at
    FROM ${from.sql} WHERE h.host_id = f.host_id AND h.host_id = ANY($${from.params.length + 1}::uuid[])`, ...from.params, rows.map((r) => r.hostId));
}

export async function upsertDocuments(tx: Tx, rows: BatchPlan['documents']): Promise<void> {
  if (rows.length === 0) return;
  const from = insertSource([
    { name: 'host_id', type: 'uuid', values: rows.map((r) => r.hostId) },
    { name: 'collected_at', type: 'timestamptz', values: rows.map(({ p }) => iso(p.at)) },
    { name: 'report', type: 'jsonb', values: rows.map(({ p }) => JSON.stringify(p.r)) },
  ], tx.rowShape);
  await tx.$executeRawUnsafe(`
    INSERT INTO host_report (host_id, collected_at, report) ${from.sql}
    ON CONFLICT (host_id) DO UPDATE SET collected_at = EXCLUDED.collected_at, report = EXCLUDED.report
    WHERE host_report.collected_at <= EXCLUDED.collected_at`, ...from.params);
}
