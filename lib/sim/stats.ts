/** Latency samples (ms) and percentiles: enough for a run of millions of requests. */
export class Latencies {
  private xs: number[] = [];
  add(ms: number): void { this.xs.push(ms); }
  get count(): number { return this.xs.length; }
  percentile(p: number): number {
    if (this.xs.length === 0) return NaN;
    const sorted = Float64Array.from(this.xs).sort();
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  }
  reset(): void { this.xs = []; }
}

export const round = (x: number, digits = 1) => Number(x.toFixed(digits));
