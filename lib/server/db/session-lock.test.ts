// The session lock background jobs take turns with: one holder at a time across
// clients (replicas), released after the round, and after a failed round too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../testing/databases';
import { until } from '../../testing/wait';
import { createDb, databaseUrlOf, type Db } from './client';
import { closeRaw, withSessionLock } from './raw';

const KEY = 991_001;
/** Advisory locks on a key granted in this database, to whichever session. */
const GRANTED = `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted
  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

describe('withSessionLock on postgres', () => {
  let t: TestDatabase;
  let other: Db;
  beforeAll(async () => {
    t = await openTestDatabase('postgres');
    other = createDb(databaseUrlOf(t.db));
  });
  afterAll(async () => {
    await closeRaw(other);
    await other.$disconnect();
    await t.close();
  });

  it('lets one client in at a time, and writes on the connection that holds the lock', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    const first = withSessionLock(t.db, KEY, async (transaction) => {
      await held;
      return transaction(async (sql) => sql.$queryRawUnsafe<{ n: number }[]>('SELECT count(*)::int AS n FROM pg_locks WHERE locktype = \'advisory\' AND objid = $1 AND pid = pg_backend_pid()', KEY));
    });
    await until('the first client holds the lock', async () => (await other.$queryRawUnsafe<{ n: number }[]>(GRANTED, KEY))[0]!.n === 1);
    expect(await withSessionLock(other, KEY, async () => 'second')).toBeNull();
    release();
    expect(await first).toEqual([{ n: 1 }]);
    expect(await withSessionLock(other, KEY, async () => 'second')).toBe('second');
  });

  it('releases the lock when the round fails, and rolls its writes back', async () => {
    await t.db.$executeRawUnsafe('CREATE TABLE lock_probe (n int)');
    await expect(withSessionLock(t.db, KEY, (transaction) => transaction(async (sql) => {
      await sql.$executeRawUnsafe('INSERT INTO lock_probe VALUES (1)');
      throw new Error('round failed');
    }))).rejects.toThrow('round failed');
    expect(await withSessionLock(other, KEY, async () => 'free')).toBe('free');
    expect(await t.db.$queryRawUnsafe('SELECT count(*)::int AS n FROM lock_probe')).toEqual([{ n: 0 }]);
  });
});
