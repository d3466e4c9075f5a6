import 'server-only';
import type { IngestAccepted } from '../protocol';
import { dimensionColumns, dimensionKeys, dimensionSpec } from '../dimensions';
import { nextSlope } from '../risk';
import type { Db } from '../server/db/client';
import { AppError } from '../server/errors';
import { rawTransaction, type Sql } from '../server/db/raw';
import { columnList, iso, unnestFrom, type Column } from '../server/db/unnest';
import { mergeReportsIntoRollups, passedByRollups } from '../history';
import type { Settled } from './group-commit';
import { hostCache, resolveHosts } from './hosts';
import { reportDue, type StoredReport } from './latest-report';
import { ageNow, type Prepared } from './prepare';
import { lateMachine, nextMachine, type MachineSeen } from './machine-id';
import { decideSamples, packProcesses, type SampleState } from './samples';

type Tx = Sql;
type Dim = (typeof dimensionKeys)[number];

interface HostState extends SampleState, StoredReport, MachineSeen {
  at: number;
  used: Record<Dim, number>;
  slope: Record<Dim, number>;
  /** Whose count each slope follows; null before it was recorded (kept as the same series). */
  series: Record<Dim, string> | null;
}

const FOREIGN_KEY_VIOLATION = '23503';
/** A dimension's columns in report and host_state. */
const column = (k: Dim) => dimensionColumns[k];
const time = (v: unknown) => (v instanceof Date ? v.getTime() : v === null ? null : Date.parse(String(v)));

/**
 * Writes a batch of reports in one transaction: hosts, raw rows, samples that
 * changed, rollups for late reports and each host's current state, a handful
 * of statements whatever the batch size. Answers per report, in order.
 */
export async function writeBatch(db: Db, items: Prepared[]): Promise<Settled<IngestAccepted>[]> {
  const cache = hostCache(db);
  const attempt = () => rawTransaction(db, (tx) => writeInTx(tx, cache, items));
  const { results, written } = await attempt().catch((err: unknown) => {
    // A host removed (by an admin, through another replica) while this
    // process still had its id cached: look the names up again, once.
    if ((err as { code?: string }).code !== FOREIGN_KEY_VIOLATION) throw err;
    for (const p of items) cache.delete(p.r.host.name);
    return attempt();
  });
  for (const [name, v] of written) cache.set(name, v);
  return results;
}

async function writeInTx(tx: Tx, cache: ReturnType<typeof hostCache>, batch: Prepared[]) {
  const hosts = await resolveHosts(tx, cache, batch);
  const items = hosts.refused.size === 0 ? batch : batch.filter((p) => !hosts.refused.has(p.r.host.name));
  const hostId = (p: Prepared) => hosts.ids.get(p.r.host.name)!;
  const written = new Map<string, { id: string; key: string }>();
  for (const [name, key] of hosts.written) written.set(name, { id: hosts.ids.get(name)!, key });

  // One row per (host, collection time): a resend inside the batch is a duplicate too.
  const firstOf = new Map<string, number>();
  items.forEach((p, i) => { const k = `${hostId(p)}|${p.at}`; if (!firstOf.has(k)) firstOf.set(k, i); });
  const unique = [...firstOf.values()].map((i) => items[i]!);

  const inserted = await insertReports(tx, unique, hostId);
  const fresh = unique.filter((p) => inserted.has(`${hostId(p)}|${p.at}`));

  const byHost = new Map<string, Prepared[]>();
  for (const p of fresh) {
    const list = byHost.get(hostId(p)) ?? [];
    list.push(p);
    byHost.set(hostId(p), list);
  }
  const states = await lockStates(tx, [...byHost.keys()].sort());
  const uidRows: Prepared[] = [];
  const processRows: Prepared[] = [];
  const newState: { p: Prepared; s: HostState }[] = [];
  const documents: Prepared[] = [];
  const machineOnly: { id: string; s: HostState }[] = [];
  for (const [id, list] of byHost) {
    list.sort((a, b) => a.at - b.at);
    let s = states.get(id) ?? null;
    const before = s;
    let newest: Prepared | null = null;
    let sampled = false;
    let lateChange = false;
    for (const p of list) {
      const isLate = s !== null && p.at < s.at;
      const d = decideSamples(s ?? { uidsKey: null, uidsAt: null, processesKey: null, processesAt: null }, p.at, isLate, { uids: p.uidsKey, processes: p.processesKey });
      if (d.uids) uidRows.push(p);
      if (d.processes) processRows.push(p);
      if (isLate) {
        const seen = lateMachine(s!, p.r.host.machineId, p.receivedAt.getTime());
        if (seen) { s = { ...s!, ...seen }; lateChange = true; }
        continue;
      }
      sampled ||= d.uids || d.processes;
      const slope = {} as Record<Dim, number>;
      const used = {} as Record<Dim, number>;
      for (const k of dimensionKeys) {
        used[k] = p.a.dimensions[k].used;
        const sameSeries = !s?.series || s.series[k] === p.a.series[k];
        slope[k] = nextSlope(s && sameSeries ? { used: s.used[k], at: s.at, slope: s.slope[k] } : null, used[k], p.at);
      }
      s = {
        at: p.at, used, slope, series: p.a.series,
        reportAt: s?.reportAt ?? null, reportKey: s?.reportKey ?? null, panicRisk: p.a.panicRisk, crashingBuildkit: p.a.crashingBuildkit,
        uidsKey: d.uids ? p.uidsKey : s?.uidsKey ?? null, uidsAt: d.uids ? p.at : s?.uidsAt ?? null,
        processesKey: d.processes ? p.processesKey : s?.processesKey ?? null, processesAt: d.processes ? p.at : s?.processesAt ?? null,
        ...nextMachine(s ?? { machineId: null, previousMachineId: null, machineIdChangedAt: null }, p.r.host.machineId, p.receivedAt.getTime()),
      };
      newest = p;
    }
    if (newest && s) {
      if (reportDue(before, { at: newest.at, key: newest.factsKey, panicRisk: s.panicRisk, crashingBuildkit: s.crashingBuildkit, sampled })) {
        documents.push(newest);
        s = { ...s, reportAt: newest.at, reportKey: newest.factsKey };
      }
      newState.push({ p: newest, s });
    } else if (lateChange && s) {
      machineOnly.push({ id, s });
    }
  }
  await insertUidSamples(tx, uidRows, hostId);
  await insertProcessSamples(tx, processRows, hostId);
  await upsertStates(tx, newState, hostId);
  await recordMachineChanges(tx, machineOnly);
  await upsertDocuments(tx, documents, hostId);
  // Decided last, just before the commit, so the time a batch spent waiting counts.
  const late = await passedByRollups(tx, fresh.map((p) => ({ hostId: hostId(p), at: p.at, ageMs: ageNow(p) })));
  if (late.length > 0) await mergeReportsIntoRollups(tx, late.map((k) => ({ hostId: k.hostId, at: new Date(k.at) })));

  const results: Settled<IngestAccepted>[] = items.map((p, i) => {
    const k = `${hostId(p)}|${p.at}`;
    const duplicate = firstOf.get(k) !== i || !inserted.has(k);
    return { ok: true, value: { reportId: p.r.reportId, hostId: hostId(p), duplicate } };
  });
  if (items !== batch) {
    const accepted = results.values();
    return { results: batch.map((p): Settled<IngestAccepted> => {
      const why = hosts.refused.get(p.r.host.name);
      return why === undefined ? accepted.next().value! : { ok: false, error: new AppError('forbidden', why) };
    }), written };
  }
  return { results, written };
}

/** used and limit of each dimension, and running containers: columns of both report and host_state. */
function measureColumns(rows: Prepared[]): Column[] {
  const cols: Column[] = [];
  for (const k of dimensionKeys) {
    const type = dimensionSpec[k].sqlType;
    cols.push({ name: column(k).used, type, values: rows.map((p) => p.a.dimensions[k].used) });
    cols.push({ name: column(k).limit, type, values: rows.map((p) => p.a.dimensions[k].limit) });
  }
  cols.push({ name: 'containers_running', type: 'int', values: rows.map((p) => p.r.containers.running) });
  return cols;
}

async function insertReports(tx: Tx, rows: Prepared[], hostId: (p: Prepared) => string): Promise<Set<string>> {
  const cols: Column[] = [
    { name: 'host_id', type: 'uuid', values: rows.map(hostId) },
    { name: 'collected_at', type: 'timestamptz', values: rows.map((p) => iso(p.at)) },
    { name: 'sequence', type: 'int', values: rows.map((p) => p.r.sequence ?? 0) },
    ...measureColumns(rows),
    { name: 'collection_ms', type: 'real', values: rows.map((p) => p.r.scan.durationMs) },
  ];
  const from = unnestFrom(cols);
  const got = await tx.$queryRawUnsafe<{ k: string }[]>(`
    INSERT INTO report (${columnList(cols)}) SELECT ${columnList(cols)} FROM ${from.sql}
    ON CONFLICT DO NOTHING
    RETURNING host_id::text || '|' || (extract(epoch FROM collected_at) * 1000)::bigint AS k`, ...from.params);
  return new Set(got.map((g) => g.k));
}

/** The current state of these hosts, locked (in id order) until commit: trends advance one report at a time. */
async function lockStates(tx: Tx, ids: string[]): Promise<Map<string, HostState>> {
  const out = new Map<string, HostState>();
  if (ids.length === 0) return out;
  const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(`
    SELECT host_id::text AS id, collected_at AS at, uids_key, uids_at, processes_key, processes_at,
      report_at, report_key, panic_risk, crashing_buildkit, machine_id, previous_machine_id, machine_id_changed_at, trend_series,
      ${dimensionKeys.map((k) => `${column(k).used}, ${column(k).slope}`).join(', ')}
    FROM host_state WHERE host_id = ANY($1::uuid[]) ORDER BY host_id FOR UPDATE`, ids);
  for (const r of rows) {
    const used = {} as Record<Dim, number>;
    const slope = {} as Record<Dim, number>;
    for (const k of dimensionKeys) { used[k] = Number(r[column(k).used]); slope[k] = Number(r[column(k).slope]); }
    out.set(String(r.id), {
      at: time(r.at)!, used, slope, series: r.trend_series ? (JSON.parse(String(r.trend_series)) as Record<Dim, string>) : null,
      uidsKey: (r.uids_key as string | null) ?? null, uidsAt: time(r.uids_at),
      reportAt: time(r.report_at), reportKey: (r.report_key as string | null) ?? null, panicRisk: Boolean(r.panic_risk), crashingBuildkit: Boolean(r.crashing_buildkit),
      processesKey: (r.processes_key as string | null) ?? null, processesAt: time(r.processes_at),
      machineId: (r.machine_id as string | null) ?? null, previousMachineId: (r.previous_machine_id as string | null) ?? null,
      machineIdChangedAt: time(r.machine_id_changed_at),
    });
  }
  return out;
}

async function insertUidSamples(tx: Tx, rows: Prepared[], hostId: (p: Prepared) => string): Promise<void> {
  if (rows.length === 0) return;
  const from = unnestFrom([
    { name: 'host_id', type: 'uuid', values: rows.map(hostId) },
    { name: 'collected_at', type: 'timestamptz', values: rows.map((p) => iso(p.at)) },
    { name: 'uids', type: 'jsonb', values: rows.map((p) => JSON.stringify(p.uidsFlat)) },
  ]);
  await tx.$executeRawUnsafe(`
    INSERT INTO uid_sample (host_id, collected_at, uids)
    SELECT host_id, collected_at, ARRAY(SELECT jsonb_array_elements_text(uids)::int) FROM ${from.sql}
    ON CONFLICT DO NOTHING`, ...from.params);
}

async function insertProcessSamples(tx: Tx, rows: Prepared[], hostId: (p: Prepared) => string): Promise<void> {
  if (rows.length === 0) return;
  const from = unnestFrom([
    { name: 'host_id', type: 'uuid', values: rows.map(hostId) },
    { name: 'collected_at', type: 'timestamptz', values: rows.map((p) => iso(p.at)) },
    { name: 'processes', type: 'jsonb', values: rows.map((p) => JSON.stringify(packProcesses(p.r.processes))) },
  ]);
  await tx.$executeRawUnsafe(`
    INSERT INTO process_sample (host_id, collected_at, processes) SELECT host_id, collected_at, processes FROM ${from.sql}
    ON CONFLICT DO NOTHING`, ...from.params);
}

async function upsertStates(tx: Tx, rows: { p: Prepared; s: HostState }[], hostId: (p: Prepared) => string): Promise<void> {
  if (rows.length === 0) return;
  const ts = (v: number | null) => (v === null ? null : iso(v));
  const cols: Column[] = [
    { name: 'host_id', type: 'uuid', values: rows.map(({ p }) => hostId(p)) },
    { name: 'report_id', type: 'uuid', values: rows.map(({ p }) => p.r.reportId) },
    { name: 'collected_at', type: 'timestamptz', values: rows.map(({ p }) => iso(p.at)) },
    { name: 'received_at', type: 'timestamptz', values: rows.map(({ p }) => p.receivedAt.toISOString()) },
    ...measureColumns(rows.map(({ p }) => p)),
    { name: 'worst_fraction', type: 'float8', values: rows.map(({ p }) => p.a.worstFraction) },
    { name: 'panic_risk', type: 'bool', values: rows.map(({ p }) => p.a.panicRisk) },
    { name: 'crashing_buildkit', type: 'bool', values: rows.map(({ p }) => p.a.crashingBuildkit) },
    ...dimensionKeys.map((k) => ({ name: column(k).slope, type: 'float8', values: rows.map(({ s }) => s.slope[k]) })),
    { name: 'trend_series', type: 'text', values: rows.map(({ s }) => JSON.stringify(s.series)) },
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
  const from = unnestFrom(cols);
  const set = cols.slice(1).map((c) => `${c.name} = EXCLUDED.${c.name}`).join(', ');
  // The rows were locked above and only newer reports are here; the WHERE still
  // guards against a replica that got a newer report in between (impossible under the lock, cheap to keep).
  await tx.$executeRawUnsafe(`
    INSERT INTO host_state (${columnList(cols)}) SELECT ${columnList(cols)} FROM ${from.sql}
    ON CONFLICT (host_id) DO UPDATE SET ${set}
    WHERE host_state.collected_at <= EXCLUDED.collected_at`, ...from.params);
}

/** Machine changes seen only in late reports, for hosts whose state this batch does not rewrite. */
async function recordMachineChanges(tx: Tx, rows: { id: string; s: HostState }[]): Promise<void> {
  if (rows.length === 0) return;
  const from = unnestFrom([
    { name: 'host_id', type: 'uuid', values: rows.map((r) => r.id) },
    { name: 'previous_machine_id', type: 'text', values: rows.map((r) => r.s.previousMachineId) },
    { name: 'machine_id_changed_at', type: 'timestamptz', values: rows.map((r) => iso(r.s.machineIdChangedAt!)) },
  ], 'f');
  await tx.$executeRawUnsafe(`
    UPDATE host_state h SET previous_machine_id = f.previous_machine_id, machine_id_changed_at = f.machine_id_changed_at
    FROM ${from.sql} WHERE h.host_id = f.host_id`, ...from.params);
}

async function upsertDocuments(tx: Tx, rows: Prepared[], hostId: (p: Prepared) => string): Promise<void> {
  if (rows.length === 0) return;
  const from = unnestFrom([
    { name: 'host_id', type: 'uuid', values: rows.map(hostId) },
    { name: 'collected_at', type: 'timestamptz', values: rows.map((p) => iso(p.at)) },
    { name: 'report', type: 'jsonb', values: rows.map((p) => JSON.stringify(p.r)) },
  ]);
  await tx.$executeRawUnsafe(`
    INSERT INTO host_report (host_id, collected_at, report) SELECT host_id, collected_at, report FROM ${from.sql}
    ON CONFLICT (host_id) DO UPDATE SET collected_at = EXCLUDED.collected_at, report = EXCLUDED.report
    WHERE host_report.collected_at <= EXCLUDED.collected_at`, ...from.params);
}
