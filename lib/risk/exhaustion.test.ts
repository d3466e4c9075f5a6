import { describe, expect, it } from 'vitest';
import { nextSlope, secondsToExhaustion } from './exhaustion';

describe('time to exhaustion', () => {
  it('follows a steady climb and extrapolates it to the limit', () => {
    let prev = null as null | { used: number; at: number; slope: number };
    for (let i = 0; i <= 20; i++) {
      const used = 10 + i * 3; // 3 instances every 15 s: 0.2 a second
      const at = i * 15_000;
      prev = { used, at, slope: nextSlope(prev, used, at) };
    }
    expect(prev!.slope).toBeCloseTo(0.2, 2);
    expect(secondsToExhaustion(prev!.used, 128, prev!.slope)).toBeCloseTo((128 - 70) / 0.2, -1);
  });

  it('has no time to exhaustion when flat, falling or limitless', () => {
    expect(secondsToExhaustion(50, 128, 0)).toBeNull();
    expect(secondsToExhaustion(50, 128, -1)).toBeNull();
    expect(secondsToExhaustion(50, 0, 1)).toBeNull();
    expect(secondsToExhaustion(50, Infinity, 1)).toBeNull();
    expect(secondsToExhaustion(50, 9223372036854775807, 1)).toBeNull();
    expect(secondsToExhaustion(130, 128, 1)).toBe(0);
  });

  it('moves as far for a step reported a second after the last report as for one a whole interval later', () => {
    const base = { used: 40, at: 0, slope: 0 };
    const soon = nextSlope(base, 60, 1000);
    const later = nextSlope(base, 60, 15_000);
    expect(later).toBeCloseTo(0.3 * 20 / 15, 3); // the default interval's weight is unchanged
    expect(soon).toBeGreaterThan(0.3 * later);
    expect(soon).toBeLessThan(1.2 * later); // a fixed weight made it 6 a second: full in 11 s at 128
    expect(secondsToExhaustion(60, 128, soon)).toBeGreaterThan(60);
  });

  it('follows the same climb whatever the report interval', () => {
    for (const intervalS of [5, 15, 60]) {
      let prev = null as null | { used: number; at: number; slope: number };
      for (let t = 0; t <= 1200; t += intervalS) prev = { used: 10 + t * 0.2, at: t * 1000, slope: nextSlope(prev, 10 + t * 0.2, t * 1000) };
      expect(prev!.slope).toBeCloseTo(0.2, 3);
    }
  });

  it('ignores reports out of order and the first report', () => {
    expect(nextSlope(null, 10, 1000)).toBe(0);
    expect(nextSlope({ used: 1e308, at: 0, slope: Infinity }, 0, 1)).toBe(0);
    expect(nextSlope({ used: 10, at: 2000, slope: 0.5 }, 99, 1000)).toBe(0.5);
  });
});
