import { describe, expect, it } from 'vitest';
import { labelLanes, overlaps } from './lanes';

const minute = 60_000;

describe('alert band labels', () => {
  it('puts labels of bands close together on separate lines', () => {
    // An alert that fired, resolved and fired again 20 s later, and a silence over both: on a 15 min axis 600 px wide.
    const bands = [{ from: 5 * minute, label: 'critical' }, { from: 5 * minute + 20_000, label: 'critical' }, { from: 5 * minute + 10_000, label: 'silenced' }];
    const placed = labelLanes(bands, 0, 15 * minute, 600);
    expect(placed.map((p) => p?.lane)).toEqual([0, 2, 1]);
    const all = placed.filter((p) => p !== null);
    for (const a of all) for (const b of all) if (a !== b) expect(overlaps(a, b)).toBe(false);
  });

  it('shares a line between bands far apart', () => {
    const placed = labelLanes([{ from: 0, label: 'warning' }, { from: 10 * minute, label: 'critical' }], 0, 15 * minute, 600);
    expect(placed.map((p) => p?.lane)).toEqual([0, 0]);
  });

  it('leaves a band unlabelled when every line is taken there, and keeps labels inside the plot', () => {
    const bands = Array.from({ length: 5 }, (_, i) => ({ from: 14 * minute + i * 1000, label: 'host silent (critical)' }));
    const placed = labelLanes(bands, 0, 15 * minute, 600);
    expect(placed.filter((p) => p === null)).toHaveLength(2);
    for (const p of placed) if (p) expect(p.x + p.width).toBeLessThanOrEqual(600);
  });

  it('starts a band that began before the axis at its left edge', () => {
    expect(labelLanes([{ from: -minute, label: 'warning' }], 0, 15 * minute, 600)[0]).toMatchObject({ lane: 0, x: 0 });
  });
});
