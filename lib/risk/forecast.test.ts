// Time to exhaustion against generated series with known answers, one report
// every 15 s through the same step the ingest planner takes: steady hosts, CI
// builds, steps, single spikes and reboots get no forecast; leaks get one
// close to the truth.
import { describe, expect, it } from 'vitest';
import { advanceTrend, FORECAST_HORIZON_MS, secondsToExhaustion, type TrendSeen } from './forecast';

const MIN = 60_000;
const HOUR = 60 * MIN;
const t0 = Date.UTC(2026, 0, 1);

/** A seeded generator (mulberry32): the same noise every run. */
function noise(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface Sample { used: number; boot?: string }
/** Follows a series for `hours`; returns each report's time to exhaustion (seconds or null). */
function follow(at: (ms: number) => Sample, limit: number, windowMs: number, hours: number, everyMs = 15_000): { ms: number; used: number; secs: number | null }[] {
  let seen: TrendSeen | null = null;
  const out = [];
  for (let ms = 0; ms <= hours * HOUR; ms += everyMs) {
    const s = at(ms);
    const boot = s.boot ?? 'boot-1';
    const step = advanceTrend(seen, { at: t0 + ms, used: s.used, boot, series: 'uid 0' }, windowMs);
    seen = { boot, series: 'uid 0', peaks: step.peaks, slope: step.slope };
    out.push({ ms, used: s.used, secs: secondsToExhaustion(s.used, limit, step.slope) });
  }
  return out;
}
const forecasts = (run: ReturnType<typeof follow>) => run.filter((r) => r.secs !== null);

describe('time to exhaustion', () => {
  it('gives a steady host with noise no forecast over a day', () => {
    const r = noise(1);
    expect(forecasts(follow(() => ({ used: 40 + Math.round(r() * 8 - 4) }), 128, 30 * MIN, 24))).toEqual([]);
    const w = noise(2);
    expect(forecasts(follow(() => ({ used: 60_000 + Math.round(w() * 4000 - 2000) }), 524_288, 120 * MIN, 24))).toEqual([]);
  });

  it('gives a CI runner building every 5 to 12 minutes no forecast', () => {
    // Each build ramps from 20 to 90 instances (70 %) over 4 minutes, then falls back.
    const r = noise(3);
    const builds: number[] = [];
    for (let ms = 0; ms < 12 * HOUR; ms += (5 + r() * 7) * MIN) builds.push(ms);
    const used = (ms: number) => {
      const since = ms - builds.filter((b) => b <= ms).at(-1)!;
      return since < 4 * MIN ? 20 + Math.round((70 * since) / (4 * MIN)) : 20;
    };
    expect(forecasts(follow((ms) => ({ used: used(ms) }), 128, 30 * MIN, 12))).toEqual([]);
  });

  it('follows a slow watch leak within 20 % of the truth once the window has seen it', () => {
    // 100,000 watches, 2,000 more an hour, noise of ±500: 212 hours to 524,288 at the start.
    const r = noise(4);
    const run = follow((ms) => ({ used: Math.round(100_000 + (2000 * ms) / HOUR + r() * 1000 - 500) }), 524_288, 120 * MIN, 6 * 24, 60_000);
    // Inside the 7-day horizon from about 2 days in; from then on, every report has it right.
    const inHorizon = run.filter((x) => x.ms >= 2 * 24 * HOUR);
    for (const x of inHorizon) {
      const truth = (524_288 - (100_000 + (2000 * x.ms) / HOUR)) / (2000 / 3600);
      if (truth * 1000 > FORECAST_HORIZON_MS * 0.8) continue; // near the horizon an answer may fall either side
      expect(x.secs, `at ${x.ms / HOUR} h`).not.toBeNull();
      expect(Math.abs(x.secs! - truth) / truth, `at ${x.ms / HOUR} h`).toBeLessThan(0.2);
    }
  });

  it('follows an instance leak of one every four minutes, and says it at once when the window is full enough', () => {
    const run = follow((ms) => ({ used: 30 + Math.floor(ms / (4 * MIN)) }), 128, 30 * MIN, 4);
    const first = forecasts(run)[0]!;
    expect(first.ms).toBeLessThanOrEqual(12 * MIN);
    for (const x of run.filter((y) => y.ms >= 15 * MIN && y.used < 128)) {
      const truth = (128 - (30 + x.ms / (4 * MIN))) * 240;
      expect(x.secs, `at ${x.ms / MIN} min`).not.toBeNull();
      expect(Math.abs(x.secs! - truth) / truth, `at ${x.ms / MIN} min`).toBeLessThan(0.2);
    }
  });

  it('gives a step then a plateau no forecast', () => {
    for (const [seed, size] of [[5, 40], [6, 8], [7, 400]] as const) {
      const r = noise(seed);
      const run = follow((ms) => ({ used: (ms < HOUR ? 40 : 40 + size) + Math.round(r() * 4 - 2) }), 1024, 30 * MIN, 4);
      expect(forecasts(run), `a step of ${size}`).toEqual([]);
    }
  });

  it('gives single spikes no forecast', () => {
    const r = noise(8);
    const run = follow((ms) => ({ used: r() < 0.01 ? 120 : 30 + Math.round(r() * 2) }), 128, 30 * MIN, 12);
    expect(forecasts(run)).toEqual([]);
  });

  it('gives a reboot, its fall and its climb back, no forecast', () => {
    const r = noise(9);
    const used = (ms: number) => {
      const base = 60 + Math.round(r() * 4 - 2);
      if (ms < 2 * HOUR) return { used: base, boot: 'boot-1' };
      const since = ms - 2 * HOUR;
      return { used: since < 5 * MIN ? Math.round((base * since) / (5 * MIN)) : base, boot: 'boot-2' };
    };
    expect(forecasts(follow(used, 128, 30 * MIN, 5))).toEqual([]);
  });

  it('has nothing to say without a real limit, past the horizon, or when falling', () => {
    expect(secondsToExhaustion(50, 128, 0)).toBeNull();
    expect(secondsToExhaustion(50, 128, -1)).toBeNull();
    expect(secondsToExhaustion(50, 0, 1)).toBeNull();
    expect(secondsToExhaustion(50, Infinity, 1)).toBeNull();
    expect(secondsToExhaustion(50, 9223372036854775807, 1)).toBeNull();
    expect(secondsToExhaustion(130, 128, 1)).toBe(0);
    expect(secondsToExhaustion(0, 1_000_000, 1)).toBeNull(); // 11.6 days
    expect(secondsToExhaustion(0, 600_000, 1)).toBe(600_000); // 6.9 days
  });
});
