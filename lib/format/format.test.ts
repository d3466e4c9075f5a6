import { describe, expect, it } from 'vitest';
import { formatAgo, formatAxis, formatCount, formatDuration, formatExpiry, formatMs, formatPercent } from '.';

describe('formatting for people', () => {
  it('never rounds a percentage up past a level', () => {
    expect(formatPercent(115 / 128)).toBe('89 %');
    expect(formatPercent(0.9)).toBe('90 %');
    expect(formatPercent(0.0049)).toBe('0.4 %');
    expect(formatPercent(0)).toBe('0 %');
    // Limits that are not powers of two: no binary error shown as a point lost.
    expect(formatPercent(290_000 / 1_000_000)).toBe('29 %');
    expect(formatPercent(0.57)).toBe('57 %');
    expect(formatPercent(0.899999)).toBe('89 %');
  });

  it('separates thousands and calls LONG_MAX unlimited', () => {
    expect(formatCount(2466186)).toBe('2,466,186');
    expect(formatCount(9223372036854775807)).toBe('unlimited');
  });

  it('says how long until full, in the unit that reads best', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(3600)).toBe('60 min');
    expect(formatDuration(7200 * 3)).toBe('6.0 h');
    expect(formatDuration(86400 * 200)).toBe('200 d');
    expect(formatDuration(86400 * 365.25 * 7)).toBe('7 y');
    expect(formatDuration(86400 * 10_590_766)).toBe('over 100 y');
    expect(formatMs(23.908829991705716)).toBe('23.9 ms');
    expect(formatMs(0.04)).toBe('0.0 ms');
    expect(formatMs(1234.5)).toBe('1,235 ms');
  });

  it('says how long ago', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    expect(formatAgo('2026-01-01T11:59:30Z', now)).toBe('30 s ago');
    expect(formatAgo('2026-01-01T10:00:00Z', now)).toBe('2 h ago');
    expect([formatExpiry('2026-01-04T12:00:00Z', now), formatExpiry('2026-01-01T11:59:59Z', now), formatExpiry(null, now)]).toEqual(['in 3 d', 'expired', 'never']);
    expect(formatAgo(null, now)).toBe('never');
  });

  it('writes axis ticks short, in k and M, and never two ticks alike', () => {
    // The old axis printed 1,600,000 into 56 px and showed ",600,000".
    expect(formatAxis(1_600_000)).toBe('1.6M');
    expect(formatAxis(2_000_000)).toBe('2M');
    expect(formatAxis(250_000)).toBe('250k');
    expect(formatAxis(1_250)).toBe('1.25k');
    expect(formatAxis(950)).toBe('950');
    expect(formatAxis(0)).toBe('0');
    // A fitted axis over a narrow span keeps its ticks apart.
    expect([1_600_100, 1_600_150].map(formatAxis)).toEqual(['1,600,100', '1,600,150']);
    expect([1_601_000, 1_602_000].map(formatAxis)).toEqual(['1.601M', '1.602M']);
  });
});
