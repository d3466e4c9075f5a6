// A simulated fleet's reports as the batch writer takes them, for tests and
// benchmarks that write hours of history in process (no HTTP, no parsing).
import { prepare, type Prepared } from '../ingest';
import { simReport, type SimHost } from '../sim/fleet';

export const SIM_INTERVAL = 15;

/** What `fleet` sends in rounds [from, to), 15 s apart from `epochMs`, each received a second after collection. */
export function simRounds(fleet: SimHost[], from: number, to: number, epochMs: number): Prepared[] {
  const out: Prepared[] = [];
  for (let k = from; k < to; k++) {
    for (const h of fleet) {
      const r = simReport(h, k * SIM_INTERVAL, epochMs, SIM_INTERVAL, k + 1);
      if (r) out.push(prepare(r, new Date(Date.parse(r.collectedAt) + 1000)));
    }
  }
  return out;
}
