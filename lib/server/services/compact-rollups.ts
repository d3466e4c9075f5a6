import 'server-only';
import type { Db } from '../db/client';
import { compactClosed, rowsOrChunks, type Tx } from './compact';
import { mergeClause, rollupCols } from './rollup';

// Rollups were most of a host's retained disk: a row of 22 columns a minute
// (about 330 KB a host-day, kept 30 days) and an hour (11 KB a day, kept a
// year), each with its index entry. Closed periods move into one row per host
// of arrays, as raw reports do into report_chunk: minutes by the hour (about
// 67 KB a host-day, measured), hours by the UTC day.

interface Spec {
  /** The rollup table, its chunk table, the chunk's key column and the SQL interval it spans. */
  rows: string; chunks: string; key: string; period: string; periodMs: number;
  /** The array of bucket offsets in units of `unit` (an SQL interval) after the key. */
  offset: string; unit: string; unitSeconds: number;
  lock: number; alias: string;
}

/** A chunk `c` as rollup rows: FROM items after `c`, its bucket and last_at, and the rollup columns. */
const unpacked = (s: Spec, c: string) => {
  const bucket = `${c}.${s.key} + u.${s.offset} * interval '${s.unit}'`;
  return {
    from: `unnest(${c}.${s.offset}, ${c}.last_at, ${rollupCols.map((n) => `${c}.${n}`).join(', ')}) AS u(${s.offset}, last_at, ${rollupCols.join(', ')})`,
    bucket,
    lastAt: `${bucket} + u.last_at * interval '1 millisecond'`,
    columns: rollupCols.map((n) => `u.${n}`).join(', '),
  };
};

function chunked(s: Spec) {
  const chunk = unpacked(s, 'c');
  const late = unpacked(s, 'p');
  const cols = rollupCols.join(', ');
  /**
   * The rollup rows as a relation, whether still rows or already in chunks:
   * what readers select from. $1 is the host, $2/$3 the range. A bucket may
   * show twice for a while (a late report's row beside its compacted chunk,
   * until the next compaction merges them): readers take the max of a bucket,
   * which that does not change.
   */
  const relation = rowsOrChunks({
    rows: s.rows, at: 'bucket', columns: `last_at, ${cols}`,
    chunks: s.chunks, key: s.key, period: s.period, chunkFrom: chunk.from, chunkAt: chunk.bucket, chunkColumns: `${chunk.lastAt}, ${chunk.columns}`, alias: s.alias,
  });
  /**
   * Moves one period's rows into chunks; a chunk already there (late reports)
   * is merged back into its rows first. A late row that commits between the
   * two statements, for a host whose chunk the first left alone, waits for the
   * next run.
   */
  const compact = async (tx: Tx, start: Date): Promise<number> => {
    const from = start.toISOString();
    const to = new Date(start.getTime() + s.periodMs).toISOString();
    await tx.$executeRawUnsafe(`
      WITH late AS (SELECT DISTINCT host_id FROM ${s.rows} WHERE bucket >= $1::timestamptz AND bucket < $2::timestamptz),
      unpacked AS (DELETE FROM ${s.chunks} c USING late WHERE c.host_id = late.host_id AND c.${s.key} = $1::timestamptz RETURNING c.*)
      INSERT INTO ${s.rows} (host_id, bucket, last_at, ${cols})
      SELECT p.host_id, ${late.bucket}, ${late.lastAt}, ${late.columns}
      FROM unpacked p, ${late.from}
      ${mergeClause(s.rows)}`, from, to);
    return tx.$executeRawUnsafe(`
      WITH moved AS (DELETE FROM ${s.rows} r WHERE bucket >= $1::timestamptz AND bucket < $2::timestamptz
        AND NOT EXISTS (SELECT 1 FROM ${s.chunks} c WHERE c.host_id = r.host_id AND c.${s.key} = $1::timestamptz) RETURNING r.*)
      INSERT INTO ${s.chunks} (host_id, ${s.key}, ${s.offset}, last_at, ${cols})
      SELECT host_id, $1::timestamptz,
        array_agg((extract(epoch FROM bucket - $1::timestamptz) / ${s.unitSeconds})::int ORDER BY bucket),
        array_agg((extract(epoch FROM last_at - bucket) * 1000)::int ORDER BY bucket),
        ${rollupCols.map((n) => `array_agg(${n} ORDER BY bucket)`).join(', ')}
      FROM moved GROUP BY host_id`, from, to);
  };
  const once = (db: Db, now = new Date()) => compactClosed(db, now, { lock: s.lock, table: s.rows, at: 'bucket', periodMs: s.periodMs, compact });
  return { relation, once };
}

const minutes = chunked({
  rows: 'report_minute', chunks: 'report_minute_chunk', key: 'hour', period: '1 hour', periodMs: 3600_000,
  offset: 'minute', unit: '1 minute', unitSeconds: 60, lock: 0x4844434d /* "HDCM" */, alias: 'minutes',
});
const hours = chunked({
  rows: 'report_hour', chunks: 'report_hour_chunk', key: 'day', period: '24 hours', periodMs: 86400_000,
  offset: 'hour', unit: '1 hour', unitSeconds: 3600, lock: 0x48444348 /* "HDCH" */, alias: 'hours',
});

/** Minute rollups as a relation (rows and chunks); see `chunked`. */
export const minuteRollups = minutes.relation;
/** Hour rollups as a relation (rows and chunks); see `chunked`. */
export const hourRollups = hours.relation;
/** Moves the minute rollups of closed hours into report_minute_chunk; chunks written, or null when another replica holds the job. */
export const compactMinutesOnce = minutes.once;
/** Moves the hour rollups of closed UTC days into report_hour_chunk; chunks written, or null when another replica holds the job. */
export const compactHoursOnce = hours.once;
