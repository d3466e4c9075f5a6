import { describe, expect, it } from 'vitest';
import { delayAfter, FIRST_DELAY_MS, MAX_DELAY_MS, waitFor } from './throttle';

describe('the sign-in delay', () => {
  it('is nothing while a key has failures to spare, then doubles up to a cap', () => {
    expect([4, 5, 6, 7].map((n) => delayAfter(n, 5))).toEqual([0, FIRST_DELAY_MS, 2 * FIRST_DELAY_MS, 4 * FIRST_DELAY_MS]);
    expect(delayAfter(1000, 5)).toBe(MAX_DELAY_MS);
  });

  it('waits for the slowest key, counted from its latest failure', () => {
    const now = new Date(100_000);
    expect(waitFor([
      { key: 'pair', failures: 6, latest: new Date(99_500) },
      { key: 'account', failures: 3, latest: new Date(99_900) },
    ], now)).toBe(1500);
    expect(waitFor([{ key: 'address', failures: 25, latest: null }], now)).toBe(0);
  });
});
