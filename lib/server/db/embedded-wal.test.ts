// The embedded database's write-ahead log on disk while a fleet reports: it
// must stay bounded, as a Postgres server's checkpointer keeps it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { simFleet } from '../../sim/fleet';
import { simRounds } from '../../testing/sim-rounds';
import { writeBatch } from '../../ingest';
import { WAL_BOUND_BYTES } from './checkpointer';
import { createDb, type Db } from './client';
import { embeddedDiskUse } from './disk-use';
import { serveEmbedded, type Embedded } from './embedded';
import { applyMigrations } from './migrate';
import { closeRaw } from './raw';

let dir: string;
let e: Embedded;
let db: Db;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hr-wal-'));
  e = await serveEmbedded(dir);
  await applyMigrations(e.url, path.resolve(import.meta.dirname, '../../../prisma/migrations'));
  db = createDb(e.url);
});
afterAll(async () => {
  await closeRaw(db);
  await db.$disconnect();
  await e.close();
  rmSync(dir, { recursive: true, force: true });
});

const walWritten = async () => {
  const [row] = await db.$queryRawUnsafe<{ lsn: number }[]>("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::float8 AS lsn");
  return row!.lsn;
};

it('keeps pg_wal under its bound while hours of reports are written', async () => {
  // 100 CI runners (the most log a report: their samples change every minute)
  // every 15 s through the real batch writer, until an eighth more than the bound of
  // log has been written: a few simulated hours.
  const fleet = simFleet(500).filter((h) => h.pattern === 'ci').slice(0, 100);
  const epoch = Date.now() - 24 * 3600_000;
  const start = await walWritten();
  let written = 0;
  let worst = 0;
  for (let k = 0; written < 1.125 * WAL_BOUND_BYTES; k += 5) {
    await writeBatch(db, simRounds(fleet, k, k + 5, epoch));
    worst = Math.max(worst, embeddedDiskUse(dir).walBytes);
    written = (await walWritten()) - start;
  }
  expect(written).toBeGreaterThanOrEqual(1.125 * WAL_BOUND_BYTES);
  expect(worst).toBeLessThanOrEqual(WAL_BOUND_BYTES);
}, 240_000);
