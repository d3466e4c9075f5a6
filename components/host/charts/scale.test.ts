import { describe, expect, it } from 'vitest';
import { niceTicks, yScale } from './scale';

const series = [{ key: 'used' }, { key: 'limit', limit: true }];
// A watch leak from 1 % to 3 % of 65,536 over an hour.
const leak = Array.from({ length: 5 }, (_, i) => ({ t: i, used: Math.round(655 + (1966 - 655) * (i / 4)), limit: 65536 }));

describe('a chart\'s Y axis', () => {
  it('against the limit spans zero to the limit, so the leak is a flat line at the bottom', () => {
    const s = yScale(leak, series, false);
    expect(s.domain[0]).toBe(0);
    expect(s.domain[1]).toBeGreaterThanOrEqual(65536);
    expect((1966 - 655) / (s.domain[1] - s.domain[0])).toBeLessThan(0.03);
    expect(s.limitAbove).toBeNull();
  });

  it('fit to data spans the data, so the leak climbs most of the chart, and says the limit is above', () => {
    const s = yScale(leak, series, true);
    expect(s.domain[0]).toBeLessThanOrEqual(655);
    expect(s.domain[1]).toBeGreaterThanOrEqual(1966);
    expect((1966 - 655) / (s.domain[1] - s.domain[0])).toBeGreaterThan(0.6);
    expect(s.limitAbove).toBe(65536);
  });

  it('fit to data keeps a limit in view without a note', () => {
    const near = leak.map((p) => ({ ...p, limit: 2000 }));
    expect(yScale(near, series, true).limitAbove).toBeNull();
  });

  it('fit to data on a flat series still has a span, and never goes below zero', () => {
    const s = yScale([{ used: 0 }, { used: 0 }], [{ key: 'used' }], true);
    expect(s.domain[0]).toBe(0);
    expect(s.domain[1]).toBeGreaterThan(0);
    expect(yScale([{ used: 40 }, { used: 40 }], [{ key: 'used' }], true).domain[0]).toBeLessThan(40);
  });

  it('ticks are round, cover the range and are few', () => {
    for (const [lo, hi] of [[0, 1024], [0, 65536], [0, 2_000_000], [524, 2097], [0, 1], [1_600_100, 1_600_300]] as const) {
      const t = niceTicks(lo, hi);
      expect(t[0]).toBeLessThanOrEqual(lo);
      expect(t.at(-1)).toBeGreaterThanOrEqual(hi);
      expect(t.length).toBeLessThanOrEqual(6);
      expect(t.length).toBeGreaterThanOrEqual(2);
    }
    expect(niceTicks(0, 2_000_000)).toEqual([0, 500_000, 1_000_000, 1_500_000, 2_000_000]);
    // Counts: no tick between two whole numbers.
    expect(niceTicks(40, 52).every(Number.isInteger)).toBe(true);
  });
});
