/**
 * Group commit: callers submit one item each and wait; items that arrive while
 * a flush is running go together in the next one. At low load a report is
 * written at once; under load each transaction carries hundreds, so the
 * per-commit cost (WAL flush, round trips) is shared. A caller is answered only
 * after its batch committed.
 */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Waiting<T, R> { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }

export interface GroupCommitOptions {
  /** Most items in one flush. */
  maxBatch: number;
  /** Flushes running at once (a second one overlaps the first's commit with the next's preparation). */
  concurrency: number;
}

export class GroupCommit<T, R> {
  private queue: Waiting<T, R>[] = [];
  private running = 0;
  private scheduled = false;

  constructor(private readonly flush: (items: T[]) => Promise<Settled<R>[]>, private readonly o: GroupCommitOptions) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      // Wait for the current tick's other submissions before taking a batch.
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => { this.scheduled = false; this.pump(); });
      }
    });
  }

  /** Items waiting for a flush (a gauge for /metrics). */
  get pending(): number {
    return this.queue.length;
  }

  private pump(): void {
    while (this.running < this.o.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.o.maxBatch);
      this.running++;
      void this.run(batch).finally(() => { this.running--; this.pump(); });
    }
  }

  private async run(batch: Waiting<T, R>[]): Promise<void> {
    let results: Settled<R>[];
    try {
      results = await this.flush(batch.map((w) => w.item));
    } catch (error) {
      results = batch.map(() => ({ ok: false, error }));
    }
    batch.forEach((w, i) => {
      const r = results[i] ?? { ok: false, error: new Error('no result for a batched item') };
      if (r.ok) w.resolve(r.value); else w.reject(r.error);
    });
  }
}
