import { describe, expect, it } from 'vitest';
import { clearFor, severityFor, step, type Measurement, type OpenAlert } from './evaluate';
import type { Rule } from '../protocol';

const rule = (over: Partial<Rule> = {}): Rule => ({
  id: 'r', name: 'instances', dimension: 'inotifyInstances', warning: 0.8, critical: 0.9, forSeconds: 0, hysteresis: 0.05, label: null, enabled: true, ...over,
});
const m = (value: number): Measurement => ({ value, resource: 'inotifyInstances', subject: 'uid 0 (root)', used: value * 100, limit: 100, exhaustionSecs: null });
const t0 = new Date('2026-01-01T00:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

/** Runs values through the machine, one step a `every` seconds, and lists the events (resolving at once unless `resolveAfterMs`). */
function run(r: Rule, values: number[], opts: { every?: number; silencedAt?: number[]; ackAt?: number; resolveAfterMs?: number } = {}) {
  let open: OpenAlert | null = null;
  const events: string[] = [];
  values.forEach((v, i) => {
    const now = at(i * (opts.every ?? 15));
    if (open && opts.ackAt === i) open = { ...open, acknowledgedAt: now };
    const s = step(r, m(v), open, { now, silenced: opts.silencedAt?.includes(i) ?? false, resolveAfterMs: opts.resolveAfterMs ?? 0 });
    if (s.event) events.push(`${s.event.kind}:${s.event.severity}${s.event.notify ? '' : `(${s.event.muted})`}`);
    open = s.next;
  });
  return events;
}

describe('severity with hysteresis', () => {
  it('reaches levels at or past them and steps down only past the margin', () => {
    const r = rule();
    expect(severityFor(r, 0.79, null)).toBeNull();
    expect(severityFor(r, 0.8, null)).toBe('warning');
    expect(severityFor(r, 0.9, null)).toBe('critical');
    expect(severityFor(r, 0.86, 'critical')).toBe('critical');
    expect(severityFor(r, 0.84, 'critical')).toBe('warning');
    expect(severityFor(r, 0.76, 'warning')).toBe('warning');
    expect(severityFor(r, 0.74, 'warning')).toBeNull();
  });

  it('counts down for time to exhaustion', () => {
    const r = rule({ dimension: 'exhaustion', warning: 3600, critical: 900, hysteresis: 0.1 });
    expect(severityFor(r, Infinity, null)).toBeNull();
    expect(severityFor(r, 3000, null)).toBe('warning');
    expect(severityFor(r, 600, null)).toBe('critical');
    expect(severityFor(r, 950, 'critical')).toBe('critical');
    expect(severityFor(r, 3900, 'warning')).toBe('warning');
    expect(severityFor(r, 4000, 'warning')).toBeNull();
  });
});

describe('alert lifecycle', () => {
  it('fires warning, escalates, steps down and resolves, each once', () => {
    expect(run(rule(), [0.5, 0.82, 0.85, 0.93, 0.95, 0.87, 0.83, 0.72, 0.5])).toEqual([
      'firing:warning', 'escalated:critical', 'deescalated:warning', 'resolved:warning',
    ]);
  });

  it('does not flap around a level', () => {
    expect(run(rule(), [0.81, 0.79, 0.81, 0.78, 0.8])).toEqual(['firing:warning']);
  });

  it('waits out the for duration in pending, and never notifies a pending alert that clears', () => {
    const r = rule({ forSeconds: 30 });
    expect(run(r, [0.85, 0.85, 0.85, 0.85])).toEqual(['pending:warning(null)', 'firing:warning']);
    expect(run(r, [0.85, 0.5])).toEqual(['pending:warning(null)', 'resolved:warning(never fired)']);
  });

  it('repeats a firing alert every repeat interval until acknowledged', () => {
    const values = Array.from({ length: 4 * 240 + 5 }, () => 0.95); // 15 s steps: a bit over 4 h
    const events = run(rule(), values);
    expect(events).toEqual(['firing:critical', 'repeat:critical']);
    expect(run(rule(), values, { ackAt: 10 })).toEqual(['firing:critical']);
  });

  it('records but does not notify while silenced or after acknowledge', () => {
    expect(run(rule(), [0.85, 0.95, 0.5], { silencedAt: [0, 1, 2] })).toEqual([
      'firing:warning(silenced)', 'escalated:critical(silenced)', 'resolved:critical(silenced)',
    ]);
    expect(run(rule(), [0.85, 0.85, 0.95, 0.5], { ackAt: 1 })).toEqual([
      'firing:warning', 'escalated:critical(acknowledged)', 'resolved:critical(acknowledged)',
    ]);
  });

  it('announces an alert that fired during a silence once the silence ends, if it still fires', () => {
    expect(run(rule(), [0.85, 0.95, 0.95, 0.95, 0.5], { silencedAt: [0, 1, 2] })).toEqual([
      'firing:warning(silenced)', 'escalated:critical(silenced)', 'firing:critical', 'resolved:critical',
    ]);
    // Announced before the silence: nothing new when it ends.
    expect(run(rule(), [0.95, 0.95, 0.95], { silencedAt: [1] })).toEqual(['firing:critical']);
    // Announced as a warning, critical during the silence: critical is announced when it ends.
    expect(run(rule(), [0.85, 0.95, 0.95, 0.95], { silencedAt: [1, 2] })).toEqual([
      'firing:warning', 'escalated:critical(silenced)', 'firing:critical',
    ]);
  });

  it('treats silent and panic risk as conditions', () => {
    const silent = rule({ dimension: 'silent', warning: null, critical: 1, hysteresis: 0 });
    expect(run(silent, [0, 1, 1, 0])).toEqual(['firing:critical', 'resolved:critical']);
  });
});

describe('resolution after a clear spell, and reopening', () => {
  it('resolves only once the condition stayed clear for resolveAfter; a dip within it is the same alert', () => {
    // 15 s steps, a minute to resolve: the dip of 30 s (steps 2-3) changes nothing.
    const values = [0.85, 0.85, 0.5, 0.5, 0.85, 0.5, 0.5, 0.5, 0.5, 0.5];
    const timeline: string[] = [];
    let open: OpenAlert | null = null;
    values.forEach((v, i) => {
      const s = step(rule(), m(v), open, { now: at(i * 15), silenced: false, resolveAfterMs: 60_000 });
      if (s.event) timeline.push(`${i}:${s.event.kind}`);
      open = s.next;
    });
    expect(timeline).toEqual(['0:firing', '9:resolved']);
  });

  it('needs twice as long to resolve each time it came back, up to the reopen window', () => {
    const ctx = { now: t0, silenced: false, resolveAfterMs: 300_000, reopenWindowMs: 3600_000 };
    expect([0, 1, 2, 3, 4, 9].map((f) => clearFor(f, ctx) / 60_000)).toEqual([5, 10, 20, 40, 60, 60]);
  });

  it('fires again as the resolved alert coming back: flagged, one more flap, its acknowledgement kept', () => {
    const s = step(rule(), m(0.95), null, { now: t0, silenced: false, reopen: { acknowledgedAt: null, flaps: 1 } });
    expect(s).toMatchObject({ reopened: true, next: { state: 'firing', flaps: 2 }, event: { kind: 'firing', notify: true } });
    const acked = step(rule(), m(0.95), null, { now: t0, silenced: false, reopen: { acknowledgedAt: t0, flaps: 0 } });
    expect(acked).toMatchObject({ reopened: true, event: { kind: 'firing', notify: false, muted: 'acknowledged' } });
  });

  it('waits out for before a comeback reopens anything: a blip that clears is never announced', () => {
    const r = rule({ forSeconds: 60 });
    const reopen = { acknowledgedAt: null, flaps: 0 };
    const first = step(r, m(0.95), null, { now: t0, silenced: false, reopen });
    expect(first).toMatchObject({ reopened: false, next: { state: 'pending' } });
    expect(step(r, m(0.5), first.next, { now: at(15), silenced: false, reopen }).event).toMatchObject({ kind: 'resolved', muted: 'never fired' });
    expect(step(r, m(0.95), first.next, { now: at(60), silenced: false, reopen })).toMatchObject({ reopened: true, next: { state: 'firing', flaps: 1 } });
  });
});
