// The simulator's backfill against the real ingest endpoint over HTTP, with the
// per-host rate limit low enough that a fast flush meets it: every report is
// still stored once, as an agent's spool would see to.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/databases';
import { serveIngest } from '../ingest';
import { createToken } from '../access';
import { driveBackfill, Sender } from './drive';
import { simFleet } from './fleet';
import { freePort } from '../testing/ports';

// Low enough that even a busy CI machine storing reports slowly sends faster
// than the limit (3 hosts at 10/s: 30 reports/s); at 40/s a slow run met no 429.
process.env.HEADROOM_INGEST_BURST = '5';
process.env.HEADROOM_INGEST_RATE = '10';

describe('backfill against the rate-limited endpoint', () => {
  let t: TestDatabase;
  let server: http.Server;
  let url: URL;
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    server = http.createServer((req, res) => void serveIngest(t.db, req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await t.close();
  });

  it('sends refused reports again until each is stored once', async () => {
    const { token } = await createToken(t.db, { name: 'sim', scope: 'ingest' });
    const sender = new Sender(url, token);
    const hosts = simFleet(3);
    const r = await driveBackfill({ sender, hosts, intervalSeconds: 15, epochMs: Date.now(), hours: 0.25, concurrency: 6, retryMs: 250 });
    sender.close();
    // The limit was met (otherwise this test proves nothing), and nothing was lost to it.
    expect(r.refused['429']).toBeGreaterThan(0);
    expect(r.unaccepted).toBe(0);
    expect(r.accepted).toBe(r.sent);
    expect(r.sent).toBeGreaterThan(100);
    expect(await t.db.report.count()).toBe(r.sent);
  });

  it('stops with a clear error when the server cannot be reached, instead of retrying every report', async () => {
    const sender = new Sender(new URL(`http://127.0.0.1:${await freePort()}`), 'hr_ingest_nothing');
    const started = performance.now();
    await expect(driveBackfill({ sender, hosts: simFleet(3), intervalSeconds: 30, epochMs: Date.now(), hours: 1, concurrency: 4, retryMs: 10 }))
      .rejects.toThrow(/did not answer 20 times in a row/);
    sender.close();
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
