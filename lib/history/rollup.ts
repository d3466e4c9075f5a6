import 'server-only';
import { columnsOf, dimensionSpecs } from '../dimensions';
import type { Db, Tx } from '../server/db/client';
import { tryJobLock } from '../server/db/job-lock';
import type { Sql } from '../server/db/raw';

// min, max and last of each dimension. Merging is idempotent (least, greatest,
// and the value with the later time), so a bucket may be merged into any
// number of times: by late reports, by a run that died before recording its
// watermark, by two replicas.
const dims: [prefix: string, used: string, limit: string | null][] = [
  ...dimensionSpecs.map((d): [string, string, string] => [d.column, columnsOf(d).used, columnsOf(d).limit]),
  ['containers', 'containers_running', null],
];

export const rollupCols = dims.flatMap(([d, , limit]) => [`${d}_min`, `${d}_max`, `${d}_last`, ...(limit ? [`${d}_limit`] : [])]);

const lastOf = (col: string, at: string) => `(array_agg(${col} ORDER BY ${at} DESC))[1]`;

/** SELECT list aggregating raw reports into buckets. */
function fromRaw(bucket: string): string {
  return dims.flatMap(([, used, limit]) => [
    `min(${used})`, `max(${used})`, lastOf(used, 'collected_at'), ...(limit ? [lastOf(limit, 'collected_at')] : []),
  ]).join(', ').replace(/^/, `host_id, ${bucket}, max(collected_at), `);
}

export function mergeClause(table: string): string {
  const later = `EXCLUDED.last_at >= ${table}.last_at`;
  const sets = dims.flatMap(([d, , limit]) => [
    `${d}_min = least(${table}.${d}_min, EXCLUDED.${d}_min)`,
    `${d}_max = greatest(${table}.${d}_max, EXCLUDED.${d}_max)`,
    `${d}_last = CASE WHEN ${later} THEN EXCLUDED.${d}_last ELSE ${table}.${d}_last END`,
    ...(limit ? [`${d}_limit = CASE WHEN ${later} THEN EXCLUDED.${d}_limit ELSE ${table}.${d}_limit END`] : []),
  ]);
  return `ON CONFLICT (host_id, bucket) DO UPDATE SET ${sets.join(', ')}, last_at = greatest(${table}.last_at, EXCLUDED.last_at)`;
}

const rollups = [['report_minute', 'minute'], ['report_hour', 'hour']] as const;

/**
 * `at` truncated to the UTC `unit`. Plain date_trunc truncates in the
 * session's time zone: on a server set to Asia/Kolkata every hour bucket
 * started at :30 UTC, which the hour chunks (whole hours after a UTC
 * midnight) cannot hold.
 */
export const utcTrunc = (unit: string, at: string) => `(date_trunc('${unit}', ${at} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`;

/** Merges the raw reports `where` selects into the minute and hour rollups; the minute rows written. */
async function mergeWhere(db: Sql, where: string, ...params: unknown[]): Promise<number> {
  let minutes = 0;
  for (const [table, unit] of rollups) {
    const n = await db.$executeRawUnsafe(`INSERT INTO ${table} (host_id, bucket, last_at, ${rollupCols.join(', ')})
      SELECT ${fromRaw(utcTrunc(unit, 'collected_at'))} FROM report WHERE ${where} GROUP BY 1, 2
      ${mergeClause(table)}`, ...params);
    if (unit === 'minute') minutes = n;
  }
  return minutes;
}

// Hours are merged from the same raw rows as minutes, not from the minute
// table: a part of an hour merges like a whole one, and the job never scans
// the (large) minute table by time.
/** Merges the raw reports of [from, to) into the minute and hour rollups. */
export function mergeRange(db: Sql, from: Date, to: Date): Promise<number> {
  return mergeWhere(db, 'collected_at >= $1::timestamptz AND collected_at < $2::timestamptz', from.toISOString(), to.toISOString());
}

/** Merges particular reports (late ones, which the rollup job may already have passed) into both rollups. */
export async function mergeReportsIntoRollups(db: Sql, keys: { hostId: string; at: Date }[]): Promise<void> {
  // host_id = ANY: Citus prunes shards by it, where the IN alone would reach every shard.
  await mergeWhere(db, 'host_id = ANY($1::uuid[]) AND (host_id, collected_at) IN (SELECT * FROM unnest($1::uuid[], $2::timestamptz[]))',
    keys.map((k) => k.hostId), keys.map((k) => k.at.toISOString()));
}

/**
 * Reports older than this when their batch is written are "late" and merge
 * into the rollups themselves (an agent flushing its spool, a batch that
 * waited behind a stalled database).
 */
export const LATE_MS = 2 * 60_000;
// The job rolls a minute up once, this long after it closed. A report of it
// that was not late was decided at most LATE_MS after collection, a few
// statements before its commit, so it committed a minute before the job reads the raw rows
// (replicas' clocks are assumed within that minute of each other).
const SETTLE_MS = LATE_MS + 60_000;
// One transaction covers at most this much raw time (a server that was down a week catches up in steps).
const STEP_MS = 3600_000;
const LOCK = 0x4844524d; // "HDRM": one replica rolls up at a time (the others skip the round)
const floorMinute = (ms: number) => Math.floor(ms / 60_000) * 60_000;

/**
 * Whether the rollup job may already have passed a report an ingest
 * transaction is writing: a late one, or one in a minute behind the
 * watermark (a replica whose clock runs ahead). The watermark is read without
 * a lock: a job step still running covers only minutes that settled before
 * these reports were decided on time, and merging twice changes nothing.
 */
export function passedByRollups(r: { at: number; ageMs: number }, until: number | null): boolean {
  return r.ageMs > LATE_MS || (until !== null && r.at < until);
}

/** Where the rollups have got to; raw SQL, so the ingest path's plain connection can read it too. */
export async function rollupWatermark(sql: Sql): Promise<Date | null> {
  const [row] = await sql.$queryRawUnsafe<{ until: string | null }[]>("SELECT value->>'until' AS until FROM setting WHERE key = 'rollup'");
  return row?.until ? new Date(row.until) : null;
}

async function setWatermark(tx: Tx, until: number): Promise<void> {
  const value = { until: new Date(until).toISOString() };
  await tx.setting.upsert({ where: { key: 'rollup' }, create: { key: 'rollup', value }, update: { value } });
}

/**
 * Rolls raw reports up to the last settled minute, each minute once. Returns
 * the minute rows written, or null when another replica holds the job.
 */
export async function rollupOnce(db: Db, now = new Date()): Promise<number | null> {
  const end = floorMinute(now.getTime() - SETTLE_MS);
  let total = 0;
  for (;;) {
    const step = await db.$transaction(async (tx) => {
      if (!(await tryJobLock(tx, LOCK))) return null;
      const wm = await rollupWatermark(tx);
      if (wm && wm.getTime() >= end) return { n: 0, done: true };
      // Start at the first report after the watermark: a catch-up skips empty hours.
      const after = wm ? wm.getTime() : 0;
      const [first] = await tx.$queryRawUnsafe<{ at: Date | null }[]>(
        'SELECT min(collected_at) AS at FROM report WHERE collected_at >= $1::timestamptz', new Date(after).toISOString());
      const from = first?.at ? Math.max(after, floorMinute(new Date(first.at).getTime())) : end;
      const to = Math.min(end, Math.max(from, wm?.getTime() ?? 0) + STEP_MS);
      if (from >= end) {
        await setWatermark(tx, end);
        return { n: 0, done: true };
      }
      const n = await mergeRange(tx, new Date(from), new Date(to));
      await setWatermark(tx, to);
      return { n, done: to >= end };
    }, { timeout: 120_000 });
    if (!step) return null;
    total += step.n;
    if (step.done) return total;
  }
}
