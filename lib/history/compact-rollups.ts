import 'server-only';
import type { Db } from '../server/db/client';
import { compactClosed, compactOnce, rowsOrChunks, type Compactor } from './compact';
import { mergeClause, rollupCols } from './rollup';

// Rollups were most of a host's retained disk: a row of 22 columns a minute
// (about 330 KB a host-day, kept 30 days) and an hour (11 KB a day, kept a
// year), each with its index entry. Closed periods move into one row per host
// of arrays, as raw reports do into report_chunk: minutes by the hour (about
// 67 KB a host-day, measured), hours by the UTC day.

interface Spec {
  /** The rollup table, its chunk table, the chunk's key column and the time a chunk spans. */
  rows: string; chunks: string; key: string; periodMs: number;
  /** The array of bucket offsets after the key, in buckets of `unitSeconds`. */
  offset: string; unitSeconds: number;
  lock: number; alias: string;
}

/** A chunk `c` as rollup rows: FROM items after `c`, its bucket and last_at, and the rollup columns. */
const unpacked = (s: Spec, c: string) => {
  const bucket = `${c}.${s.key} + u.${s.offset} * interval '${s.unitSeconds} seconds'`;
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
    chunks: s.chunks, key: s.key, periodMs: s.periodMs, chunkFrom: chunk.from, chunkAt: chunk.bucket, chunkColumns: `${chunk.lastAt}, ${chunk.columns}`, alias: s.alias,
  });
  // A late report's row and the unpacked chunk's merge as min, max and last.
  const compactor: Compactor = {
    lock: s.lock, rows: s.rows, at: 'bucket', chunks: s.chunks, key: s.key, periodMs: s.periodMs,
    restore: { columns: `bucket, last_at, ${cols}`, values: `${late.bucket}, ${late.lastAt}, ${late.columns}`, from: late.from, onConflict: mergeClause(s.rows) },
    pack: {
      columns: `${s.offset}, last_at, ${cols}`,
      aggregates: [`array_agg((extract(epoch FROM bucket - $1::timestamptz) / ${s.unitSeconds})::int ORDER BY bucket)`,
        'array_agg((extract(epoch FROM last_at - bucket) * 1000)::int ORDER BY bucket)',
        ...rollupCols.map((n) => `array_agg(${n} ORDER BY bucket)`)].join(', '),
    },
  };
  const once = (db: Db, now = new Date()) => compactClosed(db, now, compactor);
  return { relation, once };
}

const minutes = chunked({
  rows: 'report_minute', chunks: 'report_minute_chunk', key: 'hour', periodMs: 3600_000,
  offset: 'minute', unitSeconds: 60, lock: 0x4844434d /* "HDCM" */, alias: 'minutes',
});
const hours = chunked({
  rows: 'report_hour', chunks: 'report_hour_chunk', key: 'day', periodMs: 86400_000,
  offset: 'hour', unitSeconds: 3600, lock: 0x48444348 /* "HDCH" */, alias: 'hours',
});

/** Minute rollups as a relation (rows and chunks); see `chunked`. */
export const minuteRollups = minutes.relation;
/** Hour rollups as a relation (rows and chunks); see `chunked`. */
export const hourRollups = hours.relation;
/** Moves the minute rollups of closed hours into report_minute_chunk; chunks written, or null when another replica holds the job. */
export const compactMinutesOnce = minutes.once;
/** Moves the hour rollups of closed UTC days into report_hour_chunk; chunks written, or null when another replica holds the job. */
export const compactHoursOnce = hours.once;

/** Every compaction job, by the name the worker logs it under: raw reports, then the rollups. */
export const compactions = [
  ['compaction', compactOnce], ['minute compaction', compactMinutesOnce], ['hour compaction', compactHoursOnce],
] as const;
