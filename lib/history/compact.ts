import 'server-only';
import { columnsOf, dimensionSpecs } from '../dimensions';
import type { Db, Tx } from '../server/db/client';
import { tryJobLock } from '../server/db/job-lock';
import { rollupWatermark } from './rollup';

const HOUR = 3600_000;
// Raw reports stay row by row this long past the rollup watermark: late
// reports land there cheaply, and a resend is still recognised as a duplicate.
const KEEP_ROWS_MS = HOUR;
const LOCK = 0x48445243; // "HDRC"
const PERIODS_PER_RUN = 24;

/** Columns of `report` kept per chunk, in order (host_id and collected_at become the chunk key and `at`). */
const names = ['sequence', ...dimensionSpecs.flatMap((d) => [columnsOf(d).used, columnsOf(d).limit]), 'containers_running', 'collection_ms'];

/** A chunk `c` as report rows: FROM items after `c`, and the columns (collected_at first, then `names`). */
const unpacked = (c: string) => ({
  from: `unnest(${c}.at, ${names.map((n) => `${c}.${n}`).join(', ')}) AS u(at, ${names.join(', ')})`,
  collectedAt: `${c}.hour + u.at * interval '1 millisecond'`,
  columns: names.map((n) => `u.${n}`).join(', '),
});
const chunk = unpacked('c');
const late = unpacked('p');

/**
 * One host's rows of a time range as a relation, whether still rows in
 * `rows` or already in chunks `c` of `chunks` (keyed by the start of their
 * period, `periodMs` long). $1 is the host, $2/$3 the range. `chunkAt` and
 * `chunkColumns` are the rows' `at` and `columns` as unnested from `c` by `chunkFrom`.
 */
export function rowsOrChunks(o: {
  rows: string; at: string; columns: string;
  chunks: string; key: string; periodMs: number; chunkFrom: string; chunkAt: string; chunkColumns: string; alias: string;
}): string {
  // A chunk that ends after $2 (not date_trunc: that depends on the session's time zone;
  // and the period in milliseconds, not days, which follow daylight saving in it).
  return `(
  SELECT host_id, ${o.at}, ${o.columns} FROM ${o.rows}
    WHERE host_id = $1::uuid AND ${o.at} >= $2::timestamptz AND ${o.at} <= $3::timestamptz
  UNION ALL
  SELECT c.host_id, ${o.chunkAt}, ${o.chunkColumns}
    FROM ${o.chunks} c, ${o.chunkFrom}
    WHERE c.host_id = $1::uuid AND c.${o.key} > $2::timestamptz - interval '${o.periodMs} milliseconds' AND c.${o.key} <= $3::timestamptz
      AND ${o.chunkAt} BETWEEN $2::timestamptz AND $3::timestamptz
) AS ${o.alias}`;
}

/** `report` rows as a relation, whether still rows or already in chunks: what every reader of raw history selects from. */
export const rawReports = rowsOrChunks({
  rows: 'report', at: 'collected_at', columns: names.join(', '),
  chunks: 'report_chunk', key: 'hour', periodMs: HOUR, chunkFrom: chunk.from, chunkAt: chunk.collectedAt, chunkColumns: chunk.columns, alias: 'raw',
});

/** One kind of compaction: rows of `rows` (time column `at`) packed per host and period into `chunks` (keyed `key`). */
export interface Compactor {
  lock: number;
  rows: string;
  at: string;
  chunks: string;
  key: string;
  periodMs: number;
  /** A chunk `p` back as rows: the columns of `rows` after host_id, their values, the FROM items that unnest `p`, and the conflict clause. */
  restore: { columns: string; values: string; from: string; onConflict: string };
  /** The chunk's columns after host_id and `key`, and their aggregates over the period's rows ($1 is its start). */
  pack: { columns: string; aggregates: string };
}

/**
 * Moves one period's rows into chunks; a chunk already there (late reports)
 * is unpacked back into rows first and rebuilt with them. A late row that
 * commits between the two statements, for a host whose chunk the first left
 * alone, stays a row until the next run (moving it would collide with that chunk).
 */
async function moveIntoChunks(tx: Tx, start: Date, c: Compactor): Promise<number> {
  const from = start.toISOString();
  const to = new Date(start.getTime() + c.periodMs).toISOString();
  const inPeriod = `${c.at} >= $1::timestamptz AND ${c.at} < $2::timestamptz`;
  await tx.$executeRawUnsafe(`
    WITH late AS (SELECT DISTINCT host_id FROM ${c.rows} WHERE ${inPeriod}),
    unpacked AS (DELETE FROM ${c.chunks} c USING late WHERE c.host_id = late.host_id AND c.${c.key} = $1::timestamptz RETURNING c.*)
    INSERT INTO ${c.rows} (host_id, ${c.restore.columns})
    SELECT p.host_id, ${c.restore.values}
    FROM unpacked p, ${c.restore.from}
    ${c.restore.onConflict}`, from, to);
  return tx.$executeRawUnsafe(`
    WITH moved AS (DELETE FROM ${c.rows} r WHERE ${inPeriod}
      AND NOT EXISTS (SELECT 1 FROM ${c.chunks} c WHERE c.host_id = r.host_id AND c.${c.key} = $1::timestamptz) RETURNING r.*)
    INSERT INTO ${c.chunks} (host_id, ${c.key}, ${c.pack.columns})
    SELECT host_id, $1::timestamptz, ${c.pack.aggregates}
    FROM moved GROUP BY host_id`, from, to);
}

/**
 * Compacts the closed periods (hours, or UTC days) the rollups have passed,
 * less an hour kept as rows, oldest first, up to 24 periods a run. Returns the
 * chunks written, or null when another replica holds the job.
 */
export async function compactClosed(db: Db, now: Date, c: Compactor): Promise<number | null> {
  const rolled = await rollupWatermark(db);
  if (!rolled) return 0;
  const until = Math.min(rolled.getTime(), now.getTime()) - KEEP_ROWS_MS;
  let chunks = 0;
  // One transaction per period: at 10,000 hosts an hour is 2.4 million raw rows.
  for (let i = 0; i < PERIODS_PER_RUN; i++) {
    const n = await db.$transaction(async (tx) => {
      if (!(await tryJobLock(tx, c.lock))) return null;
      const [first] = await tx.$queryRawUnsafe<{ at: Date | null }[]>(
        `SELECT min(${c.at}) AS at FROM ${c.rows} WHERE ${c.at} < $1::timestamptz`, new Date(until).toISOString());
      if (!first?.at) return -1;
      const start = new Date(Math.floor(new Date(first.at).getTime() / c.periodMs) * c.periodMs);
      if (start.getTime() + c.periodMs > until) return -1;
      return moveIntoChunks(tx, start, c);
    }, { timeout: 600_000 });
    if (n === null) return i === 0 ? null : chunks;
    if (n < 0) break;
    chunks += n;
  }
  return chunks;
}

// Raw reports: `at` holds milliseconds after the hour; a resent report is already there (DO NOTHING).
const rawCompactor: Compactor = {
  lock: LOCK, rows: 'report', at: 'collected_at', chunks: 'report_chunk', key: 'hour', periodMs: HOUR,
  restore: { columns: `collected_at, ${names.join(', ')}`, values: `${late.collectedAt}, ${late.columns}`, from: late.from, onConflict: 'ON CONFLICT DO NOTHING' },
  pack: {
    columns: `at, ${names.join(', ')}`,
    aggregates: [`array_agg((extract(epoch FROM collected_at - $1::timestamptz) * 1000)::int ORDER BY collected_at)`,
      ...names.map((n) => `array_agg(${n} ORDER BY collected_at)`)].join(', '),
  },
};

/** Moves the raw reports of closed hours into report_chunk (see compactClosed). */
export function compactOnce(db: Db, now = new Date()): Promise<number | null> {
  return compactClosed(db, now, rawCompactor);
}
