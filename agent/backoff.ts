import { AGENT_MAX_RETRY_MS } from '../lib/protocol/version';

/** Exponential backoff with "equal jitter": half the delay fixed, half random, so agents do not retry in step. */
export class Backoff {
  private failures = 0;
  private until = 0;

  constructor(private readonly baseMs = 1000, private readonly maxMs = AGENT_MAX_RETRY_MS, private readonly random = Math.random) {}

  ready(now = Date.now()): boolean {
    return now >= this.until;
  }

  fail(now = Date.now()): number {
    const ceiling = Math.min(this.maxMs, this.baseMs * 2 ** this.failures);
    this.failures++;
    const delay = ceiling / 2 + this.random() * (ceiling / 2);
    this.until = now + delay;
    return delay;
  }

  /** Waits `ms` before the next try without counting a failure (a server asking to slow down). */
  pause(ms: number, now = Date.now()): void {
    this.until = now + ms;
  }

  reset(): void {
    this.failures = 0;
    this.until = 0;
  }
}
