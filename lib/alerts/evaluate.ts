// The alert state machine, pure: given a rule, a host's current facts and the
// host's open alert for that rule, what happens now. No I/O, no clock.
import type { HostSummary } from '../protocol/api';
import type { Rule, Severity } from './rule';

export type AlertState = 'pending' | 'firing';
export type EventKind = 'pending' | 'firing' | 'escalated' | 'deescalated' | 'resolved' | 'repeat';

export interface OpenAlert {
  state: AlertState;
  severity: Severity;
  startedAt: Date;
  acknowledgedAt: Date | null;
  lastNotifiedAt: Date | null;
}

export interface Measurement { value: number; used: number | null; limit: number | null; exhaustionSecs: number | null }

export type Muted = 'silenced' | 'acknowledged' | 'never fired' | 'rule changed';
export interface StepEvent { kind: EventKind; severity: Severity; notify: boolean; muted: Muted | null }

export interface Step {
  /** The alert after this step; null when it is (or stays) closed. */
  next: (OpenAlert & Measurement) | null;
  event: StepEvent | null;
}

export const DEFAULT_REPEAT_MS = 4 * 3600_000;

/** The rule's value for a host: a used fraction, 1/0 for a condition, or seconds left. */
export function measure(rule: Rule, host: HostSummary): Measurement {
  switch (rule.dimension) {
    case 'silent':
      return { value: host.status === 'silent' ? 1 : 0, used: null, limit: null, exhaustionSecs: null };
    case 'panicRisk':
      return { value: host.panicRisk && host.status !== 'silent' ? 1 : 0, used: null, limit: null, exhaustionSecs: null };
    case 'exhaustion': {
      // A silent host's trend is stale: the silent rule speaks for it.
      const secs = host.status === 'silent' ? null : host.exhaustionSeconds;
      return { value: secs ?? Infinity, used: null, limit: null, exhaustionSecs: secs };
    }
    default: {
      const d = host.dimensions[rule.dimension];
      return { value: host.status === 'silent' ? 0 : d.fraction, used: d.used, limit: d.limit, exhaustionSecs: host.exhaustion[rule.dimension] };
    }
  }
}

/**
 * The severity a value reaches. Levels are "at or past"; exhaustion counts down
 * (fewer seconds is worse). With an open alert, it only steps down or resolves
 * once the value is `hysteresis` (a fraction of the level) back from it.
 */
export function severityFor(rule: Rule, value: number, current: Severity | null): Severity | null {
  const down = rule.dimension === 'exhaustion';
  // Past a level; or, while already at it, not yet back by the margin (absolute for fractions, relative for seconds).
  const reaches = (level: number | null, held: boolean) => {
    if (level === null) return false;
    if (down) return value <= (held ? level * (1 + rule.hysteresis) : level);
    return value >= (held ? level - rule.hysteresis : level);
  };
  if (reaches(rule.critical, current === 'critical')) return 'critical';
  if (reaches(rule.warning, current !== null)) return 'warning';
  return null;
}

export interface StepContext { silenced: boolean; now: Date; repeatMs?: number }

export function step(rule: Rule, m: Measurement, open: OpenAlert | null, ctx: StepContext): Step {
  const target = severityFor(rule, m.value, open?.severity ?? null);
  const acked = open?.acknowledgedAt != null;
  const muted: Muted | null = ctx.silenced ? 'silenced' : acked ? 'acknowledged' : null;
  const event = (kind: EventKind, sev: Severity): StepEvent => ({ kind, severity: sev, notify: muted === null, muted });
  const now = ctx.now;

  if (!open) {
    if (!target) return { next: null, event: null };
    if (rule.forSeconds > 0) {
      return { next: { state: 'pending', severity: target, startedAt: now, acknowledgedAt: null, lastNotifiedAt: null, ...m }, event: { kind: 'pending', severity: target, notify: false, muted: null } };
    }
    const e = event('firing', target);
    return { next: { state: 'firing', severity: target, startedAt: now, acknowledgedAt: null, lastNotifiedAt: e.notify ? now : null, ...m }, event: e };
  }

  if (open.state === 'pending') {
    if (!target) return { next: null, event: { kind: 'resolved', severity: open.severity, notify: false, muted: 'never fired' } };
    if (now.getTime() - open.startedAt.getTime() >= rule.forSeconds * 1000) {
      const e = event('firing', target);
      return { next: { ...open, state: 'firing', severity: target, lastNotifiedAt: e.notify ? now : open.lastNotifiedAt, ...m }, event: e };
    }
    return { next: { ...open, severity: target, ...m }, event: null };
  }

  if (!target) return { next: null, event: event('resolved', open.severity) };
  if (target !== open.severity) {
    const e = event(target === 'critical' ? 'escalated' : 'deescalated', target);
    // A change kept quiet by a silence is owed an announcement when it ends (below).
    const lastNotifiedAt = e.notify ? now : muted === 'silenced' ? null : open.lastNotifiedAt;
    return { next: { ...open, severity: target, lastNotifiedAt, ...m }, event: e };
  }
  // Fired while silenced and still firing now the silence is over: announce
  // it now, not at the first repeat (hours after it began).
  if (!muted && open.lastNotifiedAt === null) {
    return { next: { ...open, lastNotifiedAt: now, ...m }, event: event('firing', target) };
  }
  const repeatMs = ctx.repeatMs ?? DEFAULT_REPEAT_MS;
  const since = (open.lastNotifiedAt ?? open.startedAt).getTime();
  if (!muted && now.getTime() - since >= repeatMs) {
    return { next: { ...open, lastNotifiedAt: now, ...m }, event: event('repeat', target) };
  }
  return { next: { ...open, ...m }, event: null };
}
