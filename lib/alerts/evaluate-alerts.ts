import 'server-only';
import { DEFAULT_REOPEN_WINDOW_MS, DEFAULT_RESOLVE_AFTER_MS } from './evaluate';
import { heardAt, latestPause, type Heartbeat, type Pause } from './pause';
import { planHost, type AlertRow } from './plan';
import { ruleDimension, type Rule } from '../protocol';
import type { Subjects } from '../risk';
import type { Db } from '../server/db/client';
import { perClient } from '../server/db/per-client';
import { withSessionLock } from '../server/db/raw';
import { EVALUATED_KEY, writeEvaluation, type EvaluationWrites } from './evaluation-writes';
import { allHostRows, toSummary, type HostRow } from '../hosts';
import { getThresholds } from '../settings';
import type { Thresholds } from '../risk';

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
 * One round of alert evaluation over every host and rule. Reads and decides
 * outside any transaction, then writes every change (alerts, events, the
 * outbox) in one short transaction of a few statements. It used to be one
 * transaction of a statement per change: on the embedded PGlite, where a
 * transaction holds the whole database, that stalled ingest for up to a
 * second every five at a few thousand hosts (docs/scaling.md).
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

async function evaluateLocked(db: Db, o: EvaluateOptions): Promise<EvaluateResult> {
  const now = o.now ?? new Date();
  const reopenWindowMs = o.reopenWindowMs ?? DEFAULT_REOPEN_WINDOW_MS;
  const out = await withSessionLock(db, EVALUATION_LOCK, async (transaction) => {
    const [rules, hosts, openRows, recentRows, silences, channels, heartbeat] = await Promise.all([
      // Only rules in force: open alerts of any other rule close below.
      db.alertRule.findMany({ where: { enabled: true, deletedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      allHostRows(db),
      db.alert.findMany({ where: { openKey: { not: null } } }),
      recentlyResolved(db, new Date(now.getTime() - reopenWindowMs)),
      db.silence.findMany({ where: { startsAt: { lte: now }, endsAt: { gt: now } } }),
      db.channel.findMany({ where: { enabled: true }, select: { id: true } }),
      db.setting.findUnique({ where: { key: EVALUATED_KEY } }),
    ]);
    const pause = latestPause((heartbeat?.value ?? null) as Heartbeat | null, now.getTime(), o.roundMs ?? 5000);
    // A disabled rule is not read (it may be one this version cannot parse,
    // disabled for that reason).
    const plan = await planEvaluation({
      rules: rules.map(readRule),
      hosts, open: openRows, recent: recentRows, silences, channelIds: channels.map((c) => c.id), pause, thresholds: await getThresholds(db),
    }, now, { ...o, reopenWindowMs });
    await transaction((sql) => writeEvaluation(sql, plan.writes, now, pause));
    return plan.result;
  });
  return out ?? { ran: false, events: 0, notifications: 0 };
}

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

type SilenceRow = { hostId: string | null; label: string | null };

interface Inputs { rules: Rule[]; hosts: (HostRow & { subjects: Subjects | null })[]; open: AlertRow[]; recent: AlertRow[]; silences: SilenceRow[]; channelIds: string[]; pause: Pause | null; thresholds: Thresholds }

/** The host as alerting sees it: silent only for time the server was there to hear it. */
function heard(h: HostRow, pause: Pause | null, t: Thresholds): HostRow {
  if (!h.state) return h;
  const at = heardAt(h.state.receivedAt.getTime(), h.intervalSeconds, pause, t);
  return at === h.state.receivedAt.getTime() ? h : { ...h, state: { ...h.state, receivedAt: new Date(at) } };
}

/** Every host's plan (lib/alerts/plan.ts), merged: the rows to write and the counts to report. No I/O. */
async function planEvaluation(i: Inputs, now: Date, o: EvaluateOptions): Promise<{ writes: EvaluationWrites; result: EvaluateResult }> {
  const byHost = <T extends { hostId: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.hostId, [...(m.get(r.hostId) ?? []), r]);
    return m;
  };
  const open = byHost(i.open);
  const recent = byHost(i.recent);
  const writes: EvaluationWrites = { created: [], updated: [], deleted: [], events: [], notifications: [] };
  const options = { ...o, now, resolveAfterMs: o.resolveAfterMs ?? DEFAULT_RESOLVE_AFTER_MS };
  for (const [n, h] of i.hosts.entries()) {
    // Thousands of hosts are a long stretch of JavaScript: let requests in between.
    if (n % 500 === 499) await new Promise((r) => setImmediate(r));
    const summary = toSummary(heard(h, i.pause, i.thresholds), now, i.thresholds);
    const silenced = i.silences.some((s) => s.hostId === h.id || (s.label !== null && summary.labels.includes(s.label)));
    const p = planHost({
      host: { id: h.id, name: h.name, reported: h.state !== null, summary, subjects: h.subjects },
      rules: i.rules, open: open.get(h.id) ?? [], recent: recent.get(h.id) ?? [], silenced, channelIds: i.channelIds,
    }, options);
    writes.created.push(...p.created);
    writes.updated.push(...p.updated);
    writes.deleted.push(...p.deleted);
    writes.events.push(...p.events);
    writes.notifications.push(...p.notifications);
  }
  const result: EvaluateResult = { ran: true, events: writes.events.length, notifications: writes.notifications.length };
  return { writes, result };
}
