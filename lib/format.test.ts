import { describe, expect, it } from 'vitest';
import { formatAgo, formatCount, formatDuration, formatMs, formatPercent } from './format';

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
    expect(formatAgo(null, now)).toBe('never');
  });
});
