/** Runs `fn` once to warm caches, then `runs` times: p50 and p95 of those runs, in ms. `i` is 0 for the warm-up. */
export async function warmTimings(runs: number, fn: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn(0);
  const ms: number[] = [];
  for (let i = 1; i <= runs; i++) {
    const t0 = performance.now();
    await fn(i);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(runs * 0.5)]!, p95: ms[Math.floor(runs * 0.95)]! };
}
