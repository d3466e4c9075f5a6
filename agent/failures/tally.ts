// A report interval's failures in bounded memory: counts by who failed how,
// up to a cap of distinct rows (past it, failures are counted in the total
// only), and the newest few as samples with their times.
import type { FailureErrno } from '../../lib/protocol';
import type { CgroupIdentity } from '../collect/cgroup-identity';

export interface Failure {
  call: string;
  errno: FailureErrno;
  program: string;
  pid: number;
  uid: number | null;
  container: CgroupIdentity | null;
  atMs: number;
}

export type Counted = Omit<Failure, 'atMs'> & { count: number };

export interface TallySnapshot {
  sinceMs: number;
  total: number;
  counts: Counted[];
  samples: Failure[];
}

export const MAX_COUNT_ROWS = 200;
export const MAX_SAMPLES = 20;

export class Tally {
  private counts = new Map<string, Counted>();
  private samples: Failure[] = [];
  private total = 0;
  private sinceMs: number;

  constructor(nowMs = Date.now()) {
    this.sinceMs = nowMs;
  }

  /** An event that passed the kernel's filter but could not be read: a failure all the same. */
  addUnreadable(): void {
    this.total++;
  }

  add(f: Failure): void {
    this.total++;
    const key = `${f.call}\0${f.errno}\0${f.program}\0${f.pid}\0${f.uid}\0${f.container?.id ?? ''}`;
    const row = this.counts.get(key);
    if (row) row.count++;
    else if (this.counts.size < MAX_COUNT_ROWS) {
      const { atMs: _, ...who } = f;
      this.counts.set(key, { ...who, count: 1 });
    }
    this.samples.push(f);
    if (this.samples.length > MAX_SAMPLES) this.samples.shift();
  }

  /** This interval's figures; the next interval starts now. */
  take(nowMs = Date.now()): TallySnapshot {
    const snap = { sinceMs: this.sinceMs, total: this.total, counts: [...this.counts.values()].sort((a, b) => b.count - a.count), samples: this.samples };
    this.counts = new Map();
    this.samples = [];
    this.total = 0;
    this.sinceMs = nowMs;
    return snap;
  }
}
