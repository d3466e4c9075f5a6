import 'server-only';
import pg from 'pg';
import { databaseUrlOf, type Db } from './client';
import { perClient } from './per-client';
import type { RowShape } from './unnest';

/**
 * The two raw-SQL methods the ingest and rollup code needs. A Prisma client or
 * transaction has them; so does a plain `pg` connection wrapped by `rawSql`.
 */
export interface Sql {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  /** How INSERTs of many rows travel on this connection (unnest.ts); unnest when unset. */
  rowShape?: RowShape;
}

// Ingest is the one hot path: a Prisma interactive transaction costs about
// 1.5 ms of CPU in statements and bookkeeping, more than the batch's own work
// when batches are small (measured: docs/BENCHMARKS.md, docs/scaling.md). It
// uses `pg` directly, on the same database, through its own few connections.
const poolOf = perClient('rawPool', (db) => {
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

async function inTransaction<T>(c: pg.PoolClient, fn: (sql: Sql) => Promise<T>): Promise<T> {
  try {
    await c.query('BEGIN');
    const out = await fn(rawSql(c));
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

/** Runs `fn` in one transaction on a raw connection; rolls back if it throws. */
export async function rawTransaction<T>(db: Db, fn: (sql: Sql) => Promise<T>): Promise<T> {
  const c = await poolOf(db).connect();
  try {
    return await inTransaction(c, fn);
  } finally {
    c.release();
  }
}

/**
 * Runs `fn` holding a session-level advisory lock, if it is free (null if
 * another connection holds it): a background job that reads and computes
 * outside any transaction, then writes in one short one. `transaction` runs
 * on the connection that holds the lock, so if that connection (and with it
 * the lock) was lost, the write fails instead of racing another replica.
 */
export async function withSessionLock<T>(db: Db, key: number, fn: (transaction: <U>(f: (sql: Sql) => Promise<U>) => Promise<U>) => Promise<T>): Promise<T | null> {
  const c = await poolOf(db).connect();
  let broken = false;
  try {
    const { rows } = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [key]);
    if (!rows[0]?.ok) return null;
    try {
      return await fn((f) => inTransaction(c, f));
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => { broken = true; });
    }
  } catch (err) {
    broken = true;
    throw err;
  } finally {
    // A connection whose unlock failed may still hold the lock: close it rather than pool it.
    c.release(broken);
  }
}

/** Closes the raw pool of a client (tests that drop their database). */
export async function closeRaw(db: Db): Promise<void> {
  await poolOf.take(db)?.end();
}
