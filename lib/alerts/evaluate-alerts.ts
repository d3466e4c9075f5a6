import 'server-only';
import { DEFAULT_REOPEN_WINDOW_MS } from './evaluate';
import type { Heartbeat } from './pause';
import type { AlertRow } from './plan';
import { planRound } from './round';
import { channelRoute, ruleDimension, type ChannelRoute } from '../protocol';
import type { Db } from '../server/db/client';
import { perClient } from '../server/db/per-client';
import { withSessionLock } from '../server/db/raw';
import { EVALUATED_KEY, writeEvaluation } from './evaluation-writes';
import { allHostRows } from '../hosts';
import { getThresholds } from '../settings';
import { recentFailures } from '../history';
import { FAILURE_ALERT_WINDOW_MS } from '../risk';

// Held by one replica for the length of an evaluation: replicas take turns.
const EVALUATION_LOCK = 72707370;

export interface EvaluateOptions {
  now?: Date;
  publicUrl: string;
  repeatMs: number;
  groupWaitMs: number;
  /** How long a firing alert's condition must stay clear before it resolves (HEADROOM_ALERT_RESOLVE_AFTER). */
  resolveAfterMs?: number;
  /** An alert firing again this soon after it resolved reopens it (HEADROOM_ALERT_REOPEN_WINDOW). */
  reopenWindowMs?: number;
  /** How often rounds run (HEADROOM_EVALUATE_INTERVAL): a gap much longer is a pause (lib/alerts/pause.ts). */
  roundMs?: number;
}

export interface EvaluateResult { ran: boolean; events: number; notifications: number }

/**
 * One round of alert evaluation over every host and rule: reads outside any
 * transaction, decides (round.ts, pure), then writes every change (alerts,
 * events, the outbox) in one short transaction of a few statements: on the
 * embedded PGlite a transaction holds the whole database (docs/scaling.md).
 */
export async function evaluateAlerts(db: Db, o: EvaluateOptions): Promise<EvaluateResult> {
  // The embedded PGlite is one session for every connection, where an advisory
  // lock is re-entrant: rounds of one process are kept apart here too.
  const busy = evaluating(db);
  if (busy.now) return { ran: false, events: 0, notifications: 0 };
  busy.now = true;
  try {
    return await evaluateLocked(db, o);
  } finally {
    busy.now = false;
  }
}

const evaluating = perClient('evaluating', () => ({ now: false }));

/** The channels whose stored route parses; one that does not (a newer version's) carries everything. */
function routesOf(channels: { id: string; route: unknown }[]): Map<string, ChannelRoute> {
  const out = new Map<string, ChannelRoute>();
  for (const c of channels) {
    const r = c.route === null ? null : channelRoute.safeParse(c.route);
    if (r?.success) out.set(c.id, r.data);
  }
  return out;
}

async function evaluateLocked(db: Db, o: EvaluateOptions): Promise<EvaluateResult> {
  const now = o.now ?? new Date();
  const reopenWindowMs = o.reopenWindowMs ?? DEFAULT_REOPEN_WINDOW_MS;
  const out = await withSessionLock(db, EVALUATION_LOCK, async (transaction) => {
    const [rules, hosts, open, recent, silences, channels, heartbeat, thresholds, failures] = await Promise.all([
      db.alertRule.findMany({ where: { enabled: true, deletedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      allHostRows(db),
      db.alert.findMany({ where: { openKey: { not: null } } }),
      recentlyResolved(db, new Date(now.getTime() - reopenWindowMs)),
      db.silence.findMany({ where: { startsAt: { lte: now }, endsAt: { gt: now } } }),
      db.channel.findMany({ where: { enabled: true }, select: { id: true, route: true } }),
      db.setting.findUnique({ where: { key: EVALUATED_KEY } }),
      getThresholds(db),
      recentFailures(db, new Date(now.getTime() - FAILURE_ALERT_WINDOW_MS)),
    ]);
    // A disabled rule is not read (it may be one this version cannot parse, disabled for that reason).
    const plan = await planRound({
      rules: rules.map(readRule), hosts, open, recent, silences, channelIds: channels.map((c) => c.id), routes: routesOf(channels),
      heartbeat: (heartbeat?.value ?? null) as Heartbeat | null, thresholds, failures,
    }, { ...o, now, reopenWindowMs, roundMs: o.roundMs ?? 5000 }, breathe);
    await transaction((sql) => writeEvaluation(sql, plan));
    return { ran: true, events: plan.events.length, notifications: plan.notifications.length };
  });
  return out ?? { ran: false, events: 0, notifications: 0 };
}

const breathe = () => new Promise<void>((r) => setImmediate(r));

/**
 * Alerts resolved since `since` by their condition (not closed because their
 * rule changed: that one starts afresh), oldest first: any of them firing
 * again is the same incident coming back.
 */
async function recentlyResolved(db: Db, since: Date): Promise<AlertRow[]> {
  return db.alert.findMany({
    where: { state: 'resolved', resolvedAt: { gte: since }, firedAt: { not: null }, NOT: { events: { some: { kind: 'resolved', muted: 'rule changed' } } } },
    orderBy: { resolvedAt: 'asc' },
  });
}

/** A stored rule, or an error that names it (a hand-edited row, or one written by a newer version). */
function readRule<R extends { id: string; name: string; dimension: string }>(r: R) {
  const d = ruleDimension.safeParse(r.dimension);
  if (!d.success) throw new Error(`rule "${r.name}" (${r.id}) has a dimension this version cannot evaluate: "${r.dimension}"`);
  return { ...r, dimension: d.data };
}
