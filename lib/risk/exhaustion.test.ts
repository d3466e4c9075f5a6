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

  it('ignores reports out of order and the first report', () => {
    expect(nextSlope(null, 10, 1000)).toBe(0);
    expect(nextSlope({ used: 1e308, at: 0, slope: Infinity }, 0, 1)).toBe(0);
    expect(nextSlope({ used: 10, at: 2000, slope: 0.5 }, 99, 1000)).toBe(0.5);
  });
});
