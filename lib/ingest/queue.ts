import 'server-only';
import type { IngestAccepted } from '../protocol';
import type { Db } from '../server/db/client';
import { perClient } from '../server/db/per-client';
import { AppError } from '../server/errors';
import { GroupCommit, type Settled } from './group-commit';
import type { Prepared } from './prepare';
import { writeBatch } from './write-batch';

// 500 reports is one transaction of a few milliseconds of SQL; two in flight
// keep the database busy while the next batch is gathered; 10 ms of linger
// gathers a few dozen reports at 1,000 reports/s (measured in docs/BENCHMARKS.md).
const MAX_BATCH = 500;
const CONCURRENCY = 2;
const LINGER_MS = 10;
// Reports waiting beyond this (ten seconds of 500 a second, a few hundred at
// the measured ceiling) mean the database has stalled: answer 429 with
// Retry-After, which agents take as a pause and keep the report spooled.
const MAX_QUEUED = 5_000;
const busy = () => new AppError('too_many_requests', 'the server is behind on writing reports: retry shortly', undefined, 2);


/**
 * A failed batch is retried one report at a time, so one report the database
 * refuses fails alone instead of taking its batch down with it.
 */
async function flush(db: Db, items: Prepared[]): Promise<Settled<IngestAccepted>[]> {
  try {
    return await writeBatch(db, items);
  } catch (error) {
    if (items.length === 1) return [{ ok: false, error }];
    const out: Settled<IngestAccepted>[] = [];
    for (const p of items) {
      try {
        out.push(...(await writeBatch(db, [p])));
      } catch (e) {
        out.push({ ok: false, error: e });
      }
    }
    return out;
  }
}

/** The ingest queue of a database client (one per process in production; one per test database in tests). */
export const ingestQueue = perClient('ingestQueue', (db) => new GroupCommit<Prepared, IngestAccepted>((items) => flush(db, items), {
  maxBatch: MAX_BATCH, concurrency: CONCURRENCY, lingerMs: LINGER_MS, maxQueued: MAX_QUEUED, full: busy,
}));
