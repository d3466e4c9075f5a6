import 'server-only';
import pg from 'pg';
import { databaseUrlOf, type Db } from './client';
import { perClient } from './per-client';

/**
 * The two raw-SQL methods the ingest and rollup code needs. A Prisma client or
 * transaction has them; so does a plain `pg` connection wrapped by `rawSql`.
 */
export interface Sql {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

// Ingest is the one hot path: a Prisma interactive transaction costs about
// 1.5 ms of CPU in statements and bookkeeping, more than the batch's own work
// when batches are small (measured: docs/BENCHMARKS.md, docs/scaling.md). It
// uses `pg` directly, on the same database, through its own few connections.
const poolOf = perClient((db) => {
  const pool = new pg.Pool({ connectionString: databaseUrlOf(db), max: 4, allowExitOnIdle: true });
  // A connection dropped by the server (restart, test database dropped) is replaced on next use.
  pool.on('error', () => {});
  return pool;
});

function rawSql(c: pg.PoolClient): Sql {
  return {
    async $queryRawUnsafe<T>(query: string, ...values: unknown[]) {
      return (await c.query(query, values)).rows as T;
    },
    async $executeRawUnsafe(query: string, ...values: unknown[]) {
      return (await c.query(query, values)).rowCount ?? 0;
    },
  };
}

/** Runs `fn` in one transaction on a raw connection; rolls back if it throws. */
export async function rawTransaction<T>(db: Db, fn: (sql: Sql) => Promise<T>): Promise<T> {
  const c = await poolOf(db).connect();
  try {
    await c.query('BEGIN');
    const out = await fn(rawSql(c));
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    c.release();
  }
}

/** Closes the raw pool of a client (tests that drop their database). */
export async function closeRaw(db: Db): Promise<void> {
  await poolOf.take(db)?.end();
}
