import 'server-only';
import { randomUUID } from 'node:crypto';
import { measure, step, type OpenAlert } from '../../alerts/evaluate';
import type { AlertMessage } from '../../alerts/message';
import { heardAt, latestPause, type Heartbeat, type Pause } from '../../alerts/pause';
import { labelMatches, ruleDimension, severity, type Rule } from '../../alerts/rule';
import type { Db } from '../db/client';
import { perClient } from '../db/per-client';
import { withSessionLock } from '../db/raw';
import { EVALUATED_KEY, writeEvaluation, type EvaluationWrites, type Fields } from './evaluation-writes';
import { allHostRows, toSummary, type HostRow } from './host-summary';
import { getThresholds } from './thresholds';
import type { Thresholds } from '../../risk/thresholds';

// Held by one replica for the length of an evaluation: replicas take turns.
const EVALUATION_LOCK = 72707370;

export interface EvaluateOptions {
  now?: Date;
  publicUrl: string;
  repeatMs: number;
  groupWaitMs: number;
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
  const out = await withSessionLock(db, EVALUATION_LOCK, async (transaction) => {
    const [rules, hosts, openRows, silences, channels, heartbeat] = await Promise.all([
      // Only rules in force: open alerts of any other rule close below.
      db.alertRule.findMany({ where: { enabled: true, deletedAt: null } }),
      allHostRows(db),
      db.alert.findMany({ where: { openKey: { not: null } } }),
      db.silence.findMany({ where: { startsAt: { lte: now }, endsAt: { gt: now } } }),
      db.channel.findMany({ where: { enabled: true }, select: { id: true } }),
      db.setting.findUnique({ where: { key: EVALUATED_KEY } }),
    ]);
    const pause = latestPause((heartbeat?.value ?? null) as Heartbeat | null, now.getTime(), o.roundMs ?? 5000);
    // A disabled rule is not read (it may be one this version cannot parse,
    // disabled for that reason).
    const plan = await planEvaluation({
      rules: rules.map(readRule),
      hosts, open: openRows, silences, channelIds: channels.map((c) => c.id), pause, thresholds: await getThresholds(db),
    }, now, o);
    await transaction((sql) => writeEvaluation(sql, plan.writes, now, pause));
    return plan.result;
  });
  return out ?? { ran: false, events: 0, notifications: 0 };
}

/** A stored rule, or an error that names it (a hand-edited row, or one written by a newer version). */
function readRule<R extends { id: string; name: string; dimension: string }>(r: R) {
  const d = ruleDimension.safeParse(r.dimension);
  if (!d.success) throw new Error(`rule "${r.name}" (${r.id}) has a dimension this version cannot evaluate: "${r.dimension}"`);
  return { ...r, dimension: d.data };
}

type AlertRow = Fields & {
  id: string; hostId: string; ruleId: string; openKey: string | null; state: string; severity: string; startedAt: Date; acknowledgedAt: Date | null; lastNotifiedAt: Date | null;
};
type SilenceRow = { hostId: string | null; label: string | null };

interface Inputs { rules: Rule[]; hosts: HostRow[]; open: AlertRow[]; silences: SilenceRow[]; channelIds: string[]; pause: Pause | null; thresholds: Thresholds }

/** The host as alerting sees it: silent only for time the server was there to hear it. */
function heard(h: HostRow, pause: Pause | null, t: Thresholds): HostRow {
  if (!h.state) return h;
  const at = heardAt(h.state.receivedAt.getTime(), h.intervalSeconds, pause, t);
  return at === h.state.receivedAt.getTime() ? h : { ...h, state: { ...h.state, receivedAt: new Date(at) } };
}

/** What every host and rule step to now: the rows to write and the counts to report. No I/O. */
async function planEvaluation(i: Inputs, now: Date, o: EvaluateOptions): Promise<{ writes: EvaluationWrites; result: EvaluateResult }> {
  const open = new Map(i.open.map((a) => [a.openKey!, a]));
  const inForce = new Set(i.rules.map((r) => r.id));
  // Open alerts of rules disabled or deleted since they opened, by host.
  const orphaned = new Map<string, AlertRow[]>();
  for (const a of i.open) if (!inForce.has(a.ruleId)) orphaned.set(a.hostId, [...(orphaned.get(a.hostId) ?? []), a]);
  const writes: EvaluationWrites = { created: [], updated: [], events: [], notifications: [] };
  const result: EvaluateResult = { ran: true, events: 0, notifications: 0 };
  for (const [n, h] of i.hosts.entries()) {
    // Thousands of hosts are a long stretch of JavaScript: let requests in between.
    if (n % 500 === 499) await new Promise((r) => setImmediate(r));
    const summary = toSummary(heard(h, i.pause, i.thresholds), now, i.thresholds);
    const silenced = i.silences.some((s) => s.hostId === h.id || (s.label !== null && summary.labels.includes(s.label)));
    // A rule that no longer applies (disabled, deleted, or the host lost its
    // label): its open alert closes, quietly, since nothing got better.
    const closeQuietly = (cur: AlertRow) => {
      writes.updated.push({ id: cur.id, state: 'resolved', severity: null, value: cur.value, used: cur.used, limit: cur.limit, exhaustionSecs: cur.exhaustionSecs, lastNotifiedAt: null, fired: false, resolved: true });
      writes.events.push({ alertId: cur.id, hostId: h.id, kind: 'resolved', severity: cur.severity, value: cur.value, muted: 'rule changed' });
      result.events++;
    };
    for (const cur of orphaned.get(h.id) ?? []) closeQuietly(cur);
    for (const rule of i.rules) {
      const key = `${h.id}:${rule.id}`;
      const cur = open.get(key);
      if (!labelMatches(rule.label, summary.labels)) {
        if (cur) closeQuietly(cur);
        continue;
      }
      if (!cur && !h.state && rule.dimension !== 'silent') continue;
      // A silent host's other alerts hold as they were: its last values are
      // stale, not back to normal (it may have gone quiet at the wall). The
      // silent rule speaks for it meanwhile.
      if (cur && summary.status === 'silent' && rule.dimension !== 'silent') continue;
      const curOpen: OpenAlert | null = cur ? { ...cur, state: cur.state as OpenAlert['state'], severity: severity.parse(cur.severity) } : null;
      const m = measure(rule, summary);
      const s = step(rule, m, curOpen, { now, silenced, repeatMs: o.repeatMs });
      if (!s.next && !cur) continue;
      const fields = { value: Number.isFinite(m.value) ? m.value : -1, used: m.used, limit: m.limit, exhaustionSecs: m.exhaustionSecs };
      const alertId = cur?.id ?? randomUUID();
      if (s.next && !cur) {
        writes.created.push({ id: alertId, hostId: h.id, ruleId: rule.id, openKey: key, dimension: rule.dimension, state: s.next.state, severity: s.next.severity,
          ...fields, firedAt: s.next.state === 'firing' ? now : null, lastNotifiedAt: s.next.lastNotifiedAt });
      } else if (s.next && cur) {
        // Most open alerts hold still between reports: rewriting them every
        // round was thousands of dead rows a minute at 10,000 hosts.
        if (!s.event && unchanged(cur, s.next, fields)) continue;
        writes.updated.push({ id: cur.id, state: s.next.state, severity: s.next.severity, ...fields, lastNotifiedAt: s.next.lastNotifiedAt,
          fired: cur.state === 'pending' && s.next.state === 'firing', resolved: false });
      } else if (cur) {
        writes.updated.push({ id: cur.id, state: 'resolved', severity: null, ...fields, lastNotifiedAt: null, fired: false, resolved: true });
      }
      if (!s.event) continue;
      result.events++;
      writes.events.push({ alertId, hostId: h.id, kind: s.event.kind, severity: s.event.severity, value: fields.value, muted: s.event.muted });
      if (!s.event.notify || i.channelIds.length === 0) continue;
      const message: AlertMessage = {
        alertId, event: s.event.kind, severity: s.event.severity, rule: rule.name, dimension: rule.dimension,
        host: { id: h.id, name: h.name }, value: fields.value, used: m.used, limit: m.limit, exhaustionSecs: m.exhaustionSecs,
        at: now.toISOString(), url: `${o.publicUrl}/hosts/${h.id}`,
      };
      // The outbox rows commit with the state change they announce, or not at all.
      for (const channelId of i.channelIds) writes.notifications.push({ channelId, alertId, payload: message, nextAttemptAt: new Date(now.getTime() + o.groupWaitMs) });
      result.notifications += i.channelIds.length;
    }
  }
  return { writes, result };
}

/** An open alert that steps to what it already is: nothing to write. */
function unchanged(cur: AlertRow, next: { state: string; severity: string; lastNotifiedAt: Date | null }, f: Fields): boolean {
  return cur.state === next.state && cur.severity === next.severity && cur.lastNotifiedAt?.getTime() === next.lastNotifiedAt?.getTime()
    && cur.value === f.value && cur.used === f.used && cur.limit === f.limit && cur.exhaustionSecs === f.exhaustionSecs;
}
