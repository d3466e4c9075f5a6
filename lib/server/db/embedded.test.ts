// The embedded database under concurrency, as the server uses it: several
// pg connections at once, extended-protocol queries and transactions.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../testing/databases';
import { makeReport } from '../../testing/report-factory';
import { authenticate } from '../../access';
import { createToken } from '../../access';
import { evaluateAlerts } from '../../alerts';
import { ingestReport } from '../../ingest';
import { runningEmbeddedUrl, serveEmbedded, type Embedded } from './embedded';

describe('embedded database served over a socket', () => {
  let dir: string;
  let e: Embedded;
  let clients: pg.Client[];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hr-emb-'));
    e = await serveEmbedded(dir);
    clients = await Promise.all(Array.from({ length: 6 }, async () => {
      const c = new pg.Client({ connectionString: e.url });
      await c.connect();
      return c;
    }));
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await e.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the server\'s own concurrent work without mixing one query\'s parameters into another', async () => {
    // Ingest (token check, upserts) on four loops and alert evaluation (a long transaction)
    // on a fifth, through Prisma as the server runs them. pglite-socket's own queue let
    // about half of these fail with parameters bound to another connection's statement.
    const t = await openTestDatabase('pglite');
    const { token } = await createToken(t.db, { name: 'x', scope: 'ingest' });
    const errors: string[] = [];
    let done = 0;
    const rounds = 12;
    const guard = async (fn: () => Promise<unknown>) => {
      for (let i = 0; i < rounds; i++) {
        try {
          await fn();
          done++;
        } catch (err) {
          errors.push((err as Error).message.slice(0, 200));
        }
      }
    };
    await Promise.all([
      ...[0, 1, 2, 3].map((k) => guard(async () => {
        const p = await authenticate(t.db, `Bearer ${token}`, 'ingest');
        await ingestReport(t.db, p, makeReport({ hostName: `h${k}`, instances: Math.floor(Math.random() * 128) }));
      })),
      guard(() => evaluateAlerts(t.db, { publicUrl: 'http://x', repeatMs: 1e7, groupWaitMs: 0 })),
    ]);
    await t.close();
    expect(errors).toEqual([]);
    expect(done).toBe(5 * rounds);
  }, 120_000);

  it('isolates concurrent transactions', async () => {
    await clients[0]!.query('CREATE TABLE tx_test (n int)');
    await Promise.all(clients.map(async (c, i) => {
      await c.query('BEGIN');
      await c.query('INSERT INTO tx_test VALUES ($1)', [i]);
      const { rows } = await c.query<{ n: string }>('SELECT count(*) AS n FROM tx_test');
      // Inside its transaction a connection sees only what is committed plus its own row.
      expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(1);
      if (i % 2) await c.query('ROLLBACK');
      else await c.query('COMMIT');
    }));
    const { rows } = await clients[0]!.query<{ n: string }>('SELECT count(*) AS n FROM tx_test');
    expect(Number(rows[0]!.n)).toBe(3);
  });

  it('does not leave the session locked when a connection dies mid-transaction', async () => {
    const doomed = new pg.Client({ connectionString: e.url });
    doomed.on('error', () => {}); // its connection is cut on purpose below
    await doomed.connect();
    await doomed.query('BEGIN');
    await doomed.query('INSERT INTO tx_test VALUES (99)');
    (doomed as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const { rows } = await clients[1]!.query<{ n: string }>('SELECT count(*) AS n FROM tx_test WHERE n = 99');
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('refuses a second opener of the same folder and tells who holds it', async () => {
    expect(runningEmbeddedUrl(dir)).toBe(e.url);
    await expect(serveEmbedded(dir)).rejects.toThrow(/is open in process/);
  });
});
