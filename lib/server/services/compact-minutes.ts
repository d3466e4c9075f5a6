import 'server-only';
import type { Db } from '../db/client';
import { compactClosedHours, rowsOrChunks, type Tx } from './compact';
import { mergeClause, rollupCols } from './rollup';

// Minute rollups were most of a host's retained disk: 60 rows of 22 columns
// an hour, each with its index entry, about 330 KB a host-day, kept 30 days.
// Once an hour is closed they move into one row per host and hour of arrays
// (about 64 KB a host-day, measured), as raw reports do into report_chunk.

const LOCK = 0x4844434d; // "HDCM"

/** A chunk `c` as minute rows: FROM items after `c`, its bucket and last_at, and the rollup columns. */
const unpacked = (c: string) => ({
  from: `unnest(${c}.minute, ${c}.last_at, ${rollupCols.map((n) => `${c}.${n}`).join(', ')}) AS u(minute, last_at, ${rollupCols.join(', ')})`,
  bucket: `${c}.hour + u.minute * interval '1 minute'`,
  lastAt: `${c}.hour + u.minute * interval '1 minute' + u.last_at * interval '1 millisecond'`,
  columns: rollupCols.map((n) => `u.${n}`).join(', '),
});
const chunk = unpacked('c');
const late = unpacked('p');

/**
 * `report_minute` rows as a relation, whether still rows or already in
 * chunks: what readers of minute history select from. $1 is the host, $2/$3
 * the range. A minute may show twice for a while (a late report's row beside
 * its compacted chunk, until the next compaction merges them): readers take
 * the max of a bucket, which that does not change.
 */
export const minuteRollups = rowsOrChunks({
  rows: 'report_minute', at: 'bucket', columns: ['last_at', ...rollupCols].join(', '),
  chunks: 'report_minute_chunk', chunkFrom: chunk.from, chunkAt: chunk.bucket, chunkColumns: `${chunk.lastAt}, ${chunk.columns}`, alias: 'minutes',
});

/** Moves one hour's minute rows into chunks; a chunk already there (late reports) is unpacked and merged with them first. */
async function compactHour(tx: Tx, hour: Date): Promise<number> {
  const from = hour.toISOString();
  const to = new Date(hour.getTime() + 3600_000).toISOString();
  // Rare: a late report merged into a minute already compacted. Merge the chunk back into its rows.
  await tx.$executeRawUnsafe(`
    WITH late AS (SELECT DISTINCT host_id FROM report_minute WHERE bucket >= $1::timestamptz AND bucket < $2::timestamptz),
    unpacked AS (DELETE FROM report_minute_chunk c USING late WHERE c.host_id = late.host_id AND c.hour = $1::timestamptz RETURNING c.*)
    INSERT INTO report_minute (host_id, bucket, last_at, ${rollupCols.join(', ')})
    SELECT p.host_id, ${late.bucket}, ${late.lastAt}, ${late.columns}
    FROM unpacked p, ${late.from}
    ${mergeClause('report_minute')}`, from, to);
  return tx.$executeRawUnsafe(`
    WITH moved AS (DELETE FROM report_minute WHERE bucket >= $1::timestamptz AND bucket < $2::timestamptz RETURNING *)
    INSERT INTO report_minute_chunk (host_id, hour, minute, last_at, ${rollupCols.join(', ')})
    SELECT host_id, $1::timestamptz,
      array_agg((extract(epoch FROM bucket - $1::timestamptz) / 60)::int ORDER BY bucket),
      array_agg((extract(epoch FROM last_at - bucket) * 1000)::int ORDER BY bucket),
      ${rollupCols.map((n) => `array_agg(${n} ORDER BY bucket)`).join(', ')}
    FROM moved GROUP BY host_id`, from, to);
}

/** Moves the minute rollups of closed hours into report_minute_chunk (see compactClosedHours). */
export function compactMinutesOnce(db: Db, now = new Date()): Promise<number | null> {
  return compactClosedHours(db, now, { lock: LOCK, table: 'report_minute', at: 'bucket', compactHour });
}
