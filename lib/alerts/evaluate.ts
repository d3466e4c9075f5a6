// The alert state machine, pure: given a rule, one measurement of a host and
// the open alert for it, what happens now. No I/O, no clock. Which of the
// resulting changes reach people is decided per incident (incident.ts).
import type { DimensionKey, HostSummary } from '../protocol';
import { dimensionKeys } from '../protocol';
import { failureReading, type RecentFailure, type Subjects } from '../risk';
import type { Rule, Severity } from '../protocol';

export type AlertState = 'pending' | 'firing';
export type EventKind = 'pending' | 'firing' | 'escalated' | 'deescalated' | 'resolved' | 'repeat';

export interface OpenAlert {
  state: AlertState;
  severity: Severity;
  startedAt: Date;
  acknowledgedAt: Date | null;
  lastNotifiedAt: Date | null;
  /** Firing, its condition gone since then: it resolves once clear long enough. */
  clearSince: Date | null;
  /** Times it resolved and came back within the reopen window. */
  flaps: number;
}

export interface Measurement {
  value: number;
  /** The dimension measured (what runs out, for an exhaustion rule); null for silent and panic risk. */
  resource: DimensionKey | null;
  /** Whose count it is: "uid 0 (root)", "dockerd (pid 812)". */
  subject: string | null;
  used: number | null;
  limit: number | null;
  exhaustionSecs: number | null;
}

export type Muted = 'silenced' | 'acknowledged' | 'never fired' | 'rule changed' | 'same incident' | 'stepped down' | 'never announced';
export interface StepEvent { kind: EventKind; severity: Severity; notify: boolean; muted: Muted | null }

export interface Step {
  /** The alert after this step; null when it is (or stays) closed. */
  next: (OpenAlert & Measurement) | null;
  event: StepEvent | null;
  /** It fired again within the reopen window of the alert given as `ctx.reopen`: that one continues. */
  reopened: boolean;
}

export const DEFAULT_REPEAT_MS = 4 * 3600_000;
export const DEFAULT_RESOLVE_AFTER_MS = 5 * 60_000;
export const DEFAULT_REOPEN_WINDOW_MS = 3600_000;

/**
 * What a rule measures on a host: a used fraction, 1/0 for a condition, or
 * seconds left. An exhaustion rule measures each dimension on its own: what
 * runs out, and when, is one alert each.
 */
export function measure(rule: Rule, host: HostSummary, subjects: Subjects | null = null, failure: RecentFailure | null = null): Measurement[] {
  const silent = host.status === 'silent';
  switch (rule.dimension) {
    case 'silent':
      return [condition(silent)];
    case 'panicRisk':
      return [condition(host.panicRisk && !silent)];
    case 'failures':
      // An event, not a level: a silent host's last failures still count, until the window passes.
      return [failure ? { value: failure.total, resource: null, subject: failureReading(failure), used: null, limit: null, exhaustionSecs: null } : condition(false)];
    case 'exhaustion': {
      // A silent host's trend is stale: the silent rule speaks for it.
      const out: Measurement[] = [];
      for (const k of dimensionKeys) {
        const secs = silent ? null : host.exhaustion[k];
        out.push(reading(host, subjects, k, secs ?? Infinity, secs));
      }
      return out;
    }
    default: {
      const k = rule.dimension;
      return [reading(host, subjects, k, silent ? 0 : host.dimensions[k].fraction, host.exhaustion[k])];
    }
  }
}

// Module functions building plain objects, not closures or spreads: this runs
// for every rule of 10,000 hosts a round, under tsx (whose kept names make
// every closure created a property write).
function reading(host: HostSummary, subjects: Subjects | null, k: DimensionKey, value: number, exhaustionSecs: number | null): Measurement {
  const d = host.dimensions[k];
  return { value, resource: k, subject: subjects?.[k] ?? null, used: d.used, limit: d.limit, exhaustionSecs };
}
const condition = (on: boolean): Measurement => ({ value: on ? 1 : 0, resource: null, subject: null, used: null, limit: null, exhaustionSecs: null });

/**
 * The severity a value reaches. Levels are "at or past"; exhaustion counts down
 * (fewer seconds is worse). With an open alert, it only steps down or resolves
 * once the value is `hysteresis` (a fraction of the level) back from it.
 */
export function severityFor(rule: Rule, value: number, current: Severity | null): Severity | null {
  if (reaches(rule, value, rule.critical, current === 'critical')) return 'critical';
  if (reaches(rule, value, rule.warning, current !== null)) return 'warning';
  return null;
}

/** Past a level; or, while already at it, not yet back by the margin (absolute for fractions, relative for seconds). */
function reaches(rule: Rule, value: number, level: number | null, held: boolean): boolean {
  if (level === null) return false;
  if (rule.dimension === 'exhaustion') return value <= (held ? level * (1 + rule.hysteresis) : level);
  return value >= (held ? level - rule.hysteresis : level);
}

export interface StepContext {
  silenced: boolean;
  now: Date;
  repeatMs?: number;
  /** How long the condition must stay clear before a firing alert resolves (doubling with each flap). */
  resolveAfterMs?: number;
  reopenWindowMs?: number;
  /** The same alert, resolved within the reopen window: firing again continues it. */
  reopen?: { acknowledgedAt: Date | null; flaps: number } | null;
}

/** How long an alert that flapped `flaps` times must stay clear: doubling each time, at most the reopen window. */
export function clearFor(flaps: number, ctx: StepContext): number {
  const base = ctx.resolveAfterMs ?? DEFAULT_RESOLVE_AFTER_MS;
  return Math.min(Math.max(base, ctx.reopenWindowMs ?? DEFAULT_REOPEN_WINDOW_MS), base * 2 ** Math.min(flaps, 16));
}

const done = (next: Step['next'], event: StepEvent | null, reopened = false): Step => ({ next, event, reopened });

function say(ctx: StepContext, kind: EventKind, sev: Severity, acked: boolean): StepEvent {
  const muted: Muted | null = ctx.silenced ? 'silenced' : acked ? 'acknowledged' : null;
  return { kind, severity: sev, notify: muted === null, muted };
}

// Firing now, from nothing or from pending: within the reopen window it is
// the resolved alert coming back (same incident, its acknowledgement kept).
function fire(m: Measurement, base: OpenAlert, sev: Severity, ctx: StepContext): Step {
  const back = ctx.reopen ?? null;
  const acknowledgedAt = back ? back.acknowledgedAt : base.acknowledgedAt;
  const e = say(ctx, 'firing', sev, acknowledgedAt !== null);
  const next = { ...base, state: 'firing' as const, severity: sev, acknowledgedAt, flaps: back ? back.flaps + 1 : base.flaps, clearSince: null, lastNotifiedAt: e.notify ? ctx.now : base.lastNotifiedAt, ...m };
  return done(next, e, back !== null);
}

export function step(rule: Rule, m: Measurement, open: OpenAlert | null, ctx: StepContext): Step {
  const target = severityFor(rule, m.value, open?.severity ?? null);
  const now = ctx.now;

  if (!open) {
    if (!target) return done(null, null);
    const fresh: OpenAlert = { state: 'pending', severity: target, startedAt: now, acknowledgedAt: null, lastNotifiedAt: null, clearSince: null, flaps: 0 };
    if (rule.forSeconds > 0) return done({ ...fresh, ...m }, { kind: 'pending', severity: target, notify: false, muted: null });
    return fire(m, fresh, target, ctx);
  }

  if (open.state === 'pending') {
    if (!target) return done(null, { kind: 'resolved', severity: open.severity, notify: false, muted: 'never fired' });
    if (now.getTime() - open.startedAt.getTime() >= rule.forSeconds * 1000) return fire(m, open, target, ctx);
    return done({ ...open, severity: target, ...m }, null);
  }

  const acked = open.acknowledgedAt !== null;
  if (!target) {
    // Resolved only once clear for a while: a value that dips and comes back is one alert, not two.
    const clearSince = open.clearSince ?? now;
    if (now.getTime() - clearSince.getTime() >= clearFor(open.flaps, ctx)) return done(null, say(ctx, 'resolved', open.severity, acked));
    return done({ ...open, clearSince, ...m }, null);
  }
  const held = { ...open, clearSince: null, ...m };
  if (target !== open.severity) {
    const e = say(ctx, target === 'critical' ? 'escalated' : 'deescalated', target, acked);
    // A change kept quiet by a silence is owed an announcement when it ends (below).
    const lastNotifiedAt = e.notify ? now : e.muted === 'silenced' ? null : open.lastNotifiedAt;
    return done({ ...held, severity: target, lastNotifiedAt }, e);
  }
  const e = say(ctx, 'firing', target, acked);
  // Fired while silenced and still firing now the silence is over: announce
  // it now, not at the first repeat (hours after it began).
  if (e.notify && open.lastNotifiedAt === null) return done({ ...held, lastNotifiedAt: now }, e);
  const since = (open.lastNotifiedAt ?? open.startedAt).getTime();
  if (e.notify && now.getTime() - since >= (ctx.repeatMs ?? DEFAULT_REPEAT_MS)) return done({ ...held, lastNotifiedAt: now }, { ...e, kind: 'repeat' });
  return done(held, null);
}
