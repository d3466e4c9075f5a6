// Tests that kill running agents with SIGKILL leave their trace instances
// tracing for nobody (slowing every syscall on this shared machine) until the
// next agent starts: each such file sweeps them, as an agent's start would.
import { afterAll } from 'vitest';
import { sweepStale } from '../failures/tracefs';

export function sweepStaleInstancesAfterAll(): void {
  afterAll(async () => {
    await new Promise((r) => setTimeout(r, 300)); // an agent killed a moment ago still holds its pipe until it is gone
    try {
      sweepStale('/sys/kernel/tracing');
    } catch { /* no tracefs here: nothing was left */ }
  });
}
