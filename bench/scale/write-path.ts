// The database write path alone: a fleet's reports through the real batch
// writer, in process (no HTTP, parsing or validation), 500 distinct hosts a
// batch as group commit forms them under load, for a few simulated minutes
// so the once-a-minute rewrites of the latest full report are included.
import type { Db } from '../../lib/server/db/client';
import { prepare } from '../../lib/ingest';
import { writeBatch } from '../../lib/ingest';
import { simFleet, simReport } from '../../lib/sim/fleet';

const BATCH = 500;
const INTERVAL = 15;

export interface WritePathResult { hosts: number; reports: number; seconds: number; rate: number }

export async function writePath(db: Db, hosts: number, rounds: number): Promise<WritePathResult> {
  const fleet = simFleet(hosts).map((h) => ({ ...h, pattern: h.pattern === 'silent' ? 'steady' as const : h.pattern }));
  const epoch = Date.now() - (rounds + 1) * INTERVAL * 1000;
  let ms = 0;
  let reports = 0;
  for (let k = 0; k <= rounds; k++) {
    for (let i = 0; i < fleet.length; i += BATCH) {
      const batch = fleet.slice(i, i + BATCH).map((h) => {
        const r = simReport(h, k * INTERVAL, epoch, INTERVAL, k + 1)!;
        return prepare(r, new Date(Date.parse(r.collectedAt) + 500));
      });
      const t0 = performance.now();
      await writeBatch(db, batch);
      // Round 0 creates the hosts: not measured.
      if (k > 0) { ms += performance.now() - t0; reports += batch.length; }
    }
  }
  return { hosts, reports, seconds: ms / 1000, rate: reports / (ms / 1000) };
}
