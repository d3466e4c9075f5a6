import { describe, expect, it } from 'vitest';
import { hostQuery, resolveWindow, unusableWindow, windowParams } from './time-range';

const now = new Date('2026-06-01T12:00:00Z');

describe('host page window', () => {
  it('defaults to the last hour and takes presets', () => {
    expect(resolveWindow(windowParams.parse({}), now)).toEqual({ from: new Date('2026-06-01T11:00:00Z'), to: now, custom: false });
    expect(resolveWindow(windowParams.parse({ range: '7d' }), now).from).toEqual(new Date('2026-05-25T12:00:00Z'));
    expect(windowParams.parse({ range: 'bogus' }).range).toBe('1h');
  });

  it('takes a zoomed window in ms and a form\'s UTC date-times, and ignores nonsense', () => {
    const zoom = resolveWindow(windowParams.parse({ from: String(now.getTime() - 60_000), to: String(now.getTime()) }), now);
    expect(zoom).toMatchObject({ custom: true, from: new Date(now.getTime() - 60_000) });
    const form = resolveWindow(windowParams.parse({ from: '2026-06-01T10:00', to: '2026-06-01T11:30' }), now);
    expect(form).toEqual({ from: new Date('2026-06-01T10:00:00Z'), to: new Date('2026-06-01T11:30:00Z'), custom: true });
    expect(resolveWindow(windowParams.parse({ from: 'x', to: '5' }), now).custom).toBe(false);
    expect(resolveWindow(windowParams.parse({ from: '200', to: '100' }), now).custom).toBe(false);
  });

  it('gives the preset for a window wholly in the future, and says it was unusable (the export answers 400)', () => {
    const p = windowParams.parse({ from: '8639999999999999', to: '8640000000000000' });
    const w = resolveWindow(p, now);
    expect(w).toMatchObject({ custom: false, to: now });
    expect(unusableWindow(p, w)).toBe(true);
    const ok = windowParams.parse({ from: String(now.getTime() - 60_000), to: '8640000000000000' });
    expect(resolveWindow(ok, now)).toMatchObject({ custom: true, to: now });
    expect(unusableWindow(ok, resolveWindow(ok, now))).toBe(false);
    expect(unusableWindow(windowParams.parse({}), resolveWindow(windowParams.parse({}), now))).toBe(false);
  });

  it('takes the Y axis choice, against the limit unless fit is asked for, and keeps it in links', () => {
    expect(windowParams.parse({}).y).toBe('limit');
    expect(windowParams.parse({ y: 'fit' }).y).toBe('fit');
    expect(windowParams.parse({ y: 'sideways' }).y).toBe('limit');
    expect(hostQuery({ range: '15m' }, 'fit')).toBe('?range=15m&y=fit');
    expect(hostQuery({ range: '15m' }, 'limit')).toBe('?range=15m');
  });
});
