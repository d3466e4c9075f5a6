// Reads on a real streaming standby: a second cluster made by pg_basebackup
// from the test server. Lag-tolerant reads go to it while it keeps up, and to
// the primary, with one log line, when it stops or falls behind.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, dropDatabase } from '../../testing/databases';
import { startStandby, type Standby } from '../../testing/standby';
import { until } from '../../testing/wait';
import { createDb, setDbForTests, type Db } from './client';
import { replicaOf } from './read';

const name = `headroom_replica_${process.pid}`;
let standby: Standby;
let primaryUrl: string;
let primary: Db;
let replica: ReturnType<typeof replicaOf>;
const logged: string[] = [];

/** Which server answered: the standby says it is in recovery. */
const served = async (d: Db) => ((await d.$queryRawUnsafe<{ r: boolean }[]>('SELECT pg_is_in_recovery() AS r'))[0]!.r ? 'replica' : 'primary');

beforeAll(async () => {
  primaryUrl = await createDatabase(name);
  const c = new pg.Client({ connectionString: primaryUrl });
  await c.connect();
  await c.query('CREATE TABLE note (n int)');
  await c.end();
  standby = await startStandby();
  primary = createDb(primaryUrl);
  setDbForTests(primary);
  replica = replicaOf(standby.urlFor(primaryUrl), { maxLagSeconds: 2, checkEveryMs: 0, log: (l) => logged.push(l) });
  await until('the standby to have the test database', async () => (await replica.refresh(), replica.state().usable), 60_000);
}, 120_000);

afterAll(async () => {
  await replica?.close();
  setDbForTests(undefined);
  await primary?.$disconnect();
  standby?.remove();
  await dropDatabase(name);
});

describe('reads on a streaming replica', () => {
  it('sends lag-tolerant reads to the replica, and fresh ones to the primary', async () => {
    await primary.$executeRawUnsafe('INSERT INTO note VALUES (1)');
    await until('the row on the replica', async () => (await replica.read().$queryRawUnsafe<unknown[]>('SELECT 1 FROM note WHERE n = 1')).length === 1, 10_000);
    expect(await served(replica.read())).toBe('replica');
    expect(await served(replica.read({ fresh: true }))).toBe('primary');
    expect(replica.state()).toMatchObject({ usable: true, lagSeconds: 0 });
  });

  it('leaves a replica that falls behind for the primary, and comes back when it catches up', async () => {
    await standby.pauseReplay();
    logged.length = 0;
    // Transactions the standby receives but does not apply: its lag grows past 2 s.
    const writer = setInterval(() => void primary.$executeRawUnsafe('INSERT INTO note VALUES (2)'), 200);
    try {
      await until('the replica to be left out', async () => (await replica.refresh(), !replica.state().usable), 20_000);
    } finally {
      clearInterval(writer);
    }
    expect(replica.state().reason).toMatch(/^it is \d+ s behind \(HEADROOM_READ_MAX_LAG is 2 s\)$/);
    expect(await served(replica.read())).toBe('primary');
    await standby.resumeReplay();
    await until('the replica to be back', async () => (await replica.refresh(), replica.state().usable), 20_000);
    expect(await served(replica.read())).toBe('replica');
    expect(logged).toEqual([
      expect.stringMatching(/^headroom: read replica left out: it is \d+ s behind .*; reads go to the primary$/),
      'headroom: read replica is back; reads go to it again',
    ]);
  });

  it('leaves a stopped replica for the primary with one log line, and takes it back when it returns', async () => {
    logged.length = 0;
    standby.stop();
    await replica.refresh();
    expect(replica.state()).toMatchObject({ usable: false });
    expect(await served(replica.read())).toBe('primary');
    await replica.refresh();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^headroom: read replica left out: it does not answer \(.+\); reads go to the primary$/);
    await standby.start();
    await until('the replica to be back', async () => (await replica.refresh(), replica.state().usable), 30_000);
    expect(await served(replica.read())).toBe('replica');
  });
});
