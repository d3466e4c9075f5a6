import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('rate limiter', () => {
  it('allows a burst, then the steady rate, per key', () => {
    let now = 0;
    const l = new RateLimiter(2, 3, () => now);
    expect([l.take('a'), l.take('a'), l.take('a')].every((r) => r.ok)).toBe(true);
    expect(l.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(l.take('b').ok).toBe(true); // another token is not affected
    now += 500;
    expect(l.take('a').ok).toBe(true);
    expect(l.take('a').ok).toBe(false);
  });
});
