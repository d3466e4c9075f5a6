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
  /**
   * How long the first item of a batch waits for others (0: the next tick).
   * A transaction has a fixed cost; a few milliseconds of waiting at moderate
   * load turns one report a transaction into dozens.
   */
  lingerMs?: number;
  /**
   * Most items waiting; past it submit() fails at once with `full()`. While
   * the database stalls, every report arriving would otherwise wait in memory
   * (and agents that time out resend, adding copies).
   */
  maxQueued?: number;
  full?: () => unknown;
}

export class GroupCommit<T, R> {
  private queue: Waiting<T, R>[] = [];
  private running = 0;
  private scheduled = false;

  constructor(private readonly flush: (items: T[]) => Promise<Settled<R>[]>, private readonly o: GroupCommitOptions) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      if (this.o.maxQueued !== undefined && this.queue.length >= this.o.maxQueued) {
        reject(this.o.full ? this.o.full() : new Error('queue full'));
        return;
      }
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.o.maxBatch) this.pump();
      else if (!this.scheduled) {
        // Wait for others (this tick's, or the linger's) before taking a batch.
        this.scheduled = true;
        const go = () => { this.scheduled = false; this.pump(); };
        if (this.o.lingerMs) setTimeout(go, this.o.lingerMs); else setImmediate(go);
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
