// One host's evaluation round, pure: every rule's step, the incidents they
// make, and the one notification per channel that announces what changed.
// The round (lib/alerts/evaluate-alerts.ts) reads, calls this for
// each host, and writes what it returns.
import { randomUUID } from 'node:crypto';
import type { HostSummary } from '../protocol';
import type { RecentFailure, Subjects } from '../risk';
import { measure, severityFor, step, type Measurement, type OpenAlert, type StepContext, type StepEvent } from './evaluate';
import { decideIncidents, type Member } from './incident';
import { fullAt, summarize, type AlertMessage, type HostNotification } from './message';
import { labelMatches, severity, type ChannelRoute, type Rule, type Severity } from '../protocol';

/** An alert row as the round reads it. */
export interface AlertRow {
  id: string; hostId: string; ruleId: string; openKey: string | null; dimension: string; resource: string | null;
  state: string; severity: string; startedAt: Date; acknowledgedAt: Date | null; lastNotifiedAt: Date | null;
  notifiedSeverity: string | null; clearSince: Date | null; flaps: number;
  value: number; used: number | null; limit: number | null; exhaustionSecs: number | null; subject: string | null;
}

export type Fields = Pick<AlertRow, 'value' | 'used' | 'limit' | 'exhaustionSecs' | 'subject' | 'resource'>;
export type Carried = Fields & { lastNotifiedAt: Date | null; notifiedSeverity: string | null; clearSince: Date | null; flaps: number };

export interface HostPlan {
  created: (Carried & { state: string; severity: string; id: string; hostId: string; ruleId: string; openKey: string; dimension: string; firedAt: Date | null })[];
  /** A step of an alert; `resolved` closes it, `openKey` (re)opens it under that key. */
  updated: (Carried & { id: string; state: string; severity: string | null; fired: boolean; resolved: boolean; openKey: string | null; reopened: boolean })[];
  /** Pending alerts that fired as a recent alert coming back: that one carries on. */
  deleted: string[];
  events: { alertId: string; hostId: string; kind: string; severity: string; value: number; muted: string | null }[];
  notifications: { channelId: string; hostId: string; alertId: string; payload: HostNotification; nextAttemptAt: Date }[];
}

export interface HostInput {
  /** `shortLived`: it stopped reporting within an hour of enrolling (RoundHostRow). */
  host: { id: string; name: string; reported: boolean; shortLived?: boolean; summary: HostSummary; subjects: Subjects | null; failure?: RecentFailure | null; labels?: string[] };
  rules: Rule[];
  /** This host's open alerts, and those resolved within the reopen window (the latest per key). */
  open: AlertRow[];
  recent: AlertRow[];
  silenced: boolean;
  channelIds: string[];
  /** Channels that carry only some alerts (ChannelRoute); the others carry all. */
  routes?: ReadonlyMap<string, ChannelRoute>;
}

export interface PlanOptions extends Omit<StepContext, 'silenced' | 'reopen'> { publicUrl: string; groupWaitMs: number }

/** One alert per host and rule, and per dimension for an exhaustion rule. */
export const openKeyOf = (hostId: string, ruleId: string, m: { resource: string | null }, dimension: string) =>
  dimension === 'exhaustion' ? `${hostId}:${ruleId}:${m.resource}` : `${hostId}:${ruleId}`;

interface Stepped { member: Member; row: AlertRow | null; rule: Rule | null; m: Measurement | null; apply: (e: StepEvent | null, heard: Severity | null) => void }

export function planHost(i: HostInput, o: PlanOptions): HostPlan {
  const host = i.host;
  const now = o.now;
  const plan: HostPlan = { created: [], updated: [], deleted: [], events: [], notifications: [] };
  // Loops, not callbacks: this runs for every host every round (see evaluate.ts on closures under tsx).
  const open = new Map<string, AlertRow>();
  for (const a of i.open) open.set(a.openKey!, a);
  const recent = new Map<string, AlertRow>();
  for (const a of i.recent) recent.set(openKeyOf(a.hostId, a.ruleId, a, a.dimension), a);
  const stepped: Stepped[] = [];
  const messages: AlertMessage[] = [];

  // Nothing open or recently resolved (most hosts, most rounds): a rule below its level has nothing to do.
  const quiet = i.open.length === 0 && i.recent.length === 0;
  const base: StepContext = { ...o, silenced: i.silenced, reopen: null };
  if (i.open.length > 0) {
    const inForce = new Set<string>();
    for (const r of i.rules) inForce.add(r.id);
    for (const cur of i.open) if (!inForce.has(cur.ruleId)) closeQuietly(plan, stepped, host.id, cur);
  }
  for (const rule of i.rules) {
    if (!labelMatches(rule.label, host.summary.labels)) {
      for (const cur of i.open) if (cur.ruleId === rule.id) closeQuietly(plan, stepped, host.id, cur);
      continue;
    }
    // An exhaustion alert from before one alert per dimension: the dimension
    // that runs out first takes it over.
    let legacy = rule.dimension === 'exhaustion' ? open.get(`${host.id}:${rule.id}`) ?? null : null;
    const ms = measure(rule, host.summary, host.subjects, host.failure ?? null);
    if (ms.length > 1) ms.sort(soonest);
    for (const m of ms) {
      if (quiet && severityFor(rule, m.value, null) === null) continue;
      const key = openKeyOf(host.id, rule.id, m, rule.dimension);
      let cur = open.get(key) ?? null;
      let rekey = false;
      if (!cur && legacy) { cur = legacy; rekey = true; legacy = null; }
      if (!cur && !host.reported && rule.dimension !== 'silent') continue;
      // A silent host's other alerts hold as they were: its last values are
      // stale, not back to normal (it may have gone quiet at the wall).
      if (cur && host.summary.status === 'silent' && rule.dimension !== 'silent') {
        stepped.push({ row: cur, rule, m: null, member: { incident: cur.resource ?? cur.dimension, heardBefore: heardOf(cur), firingBefore: isFiring(cur), firingAfter: isFiring(cur), event: null }, apply: nothing });
        continue;
      }
      const back = recent.get(key);
      const reopen = back && (!cur || cur.state === 'pending') ? { acknowledgedAt: back.acknowledgedAt, flaps: back.flaps } : null;
      const s = step(rule, m, cur ? toOpen(cur) : null, reopen ? { ...base, reopen } : base);
      if (!s.next && !cur) continue;
      const fields: Fields = { value: Number.isFinite(m.value) ? m.value : -1, used: m.used, limit: m.limit, exhaustionSecs: m.exhaustionSecs, subject: m.subject, resource: m.resource };
      // Firing again within the reopen window: the resolved alert carries on (same id, same incident).
      const row = s.reopened ? back! : cur;
      const alertId = row?.id ?? randomUUID();
      stepped.push({
        row, rule, m,
        member: { incident: m.resource ?? rule.dimension, heardBefore: s.reopened ? null : heardOf(cur), firingBefore: !s.reopened && isFiring(cur), firingAfter: s.next?.state === 'firing', event: s.event },
        apply: (e, heard) => {
          const carried = { ...fields, lastNotifiedAt: s.next?.lastNotifiedAt ?? null, notifiedSeverity: heard, clearSince: s.next?.clearSince ?? null, flaps: s.next?.flaps ?? cur?.flaps ?? 0 };
          if (s.reopened && cur) plan.deleted.push(cur.id);
          if (s.next && !row) {
            plan.created.push({ ...carried, id: alertId, hostId: host.id, ruleId: rule.id, openKey: key, dimension: rule.dimension, state: s.next.state, severity: s.next.severity, firedAt: s.next.state === 'firing' ? now : null });
          } else if (s.next && row) {
            // Most open alerts hold still between reports: rewriting them every
            // round was thousands of dead rows a minute at 10,000 hosts.
            if (!e && !rekey && !s.reopened && unchanged(row, s.next, carried)) return;
            plan.updated.push({ ...carried, id: row.id, state: s.next.state, severity: s.next.severity, fired: row.state === 'pending' && s.next.state === 'firing', resolved: false, openKey: rekey || s.reopened ? key : null, reopened: s.reopened });
          } else if (row) {
            plan.updated.push({ ...carried, id: row.id, state: 'resolved', severity: null, lastNotifiedAt: null, notifiedSeverity: null, clearSince: null, fired: false, resolved: true, openKey: null, reopened: false });
          }
          if (!e) return;
          record(plan, host.id, alertId, e, fields.value);
          if (!e.notify) return;
          const at = now.toISOString();
          const reading = { ...m, dimension: rule.dimension, value: fields.value, at };
          messages.push({
            alertId, event: e.kind, severity: e.severity, rule: rule.name, dimension: rule.dimension, resource: m.resource, subject: m.subject,
            host: { id: host.id, name: host.name }, value: fields.value, used: m.used, limit: m.limit, exhaustionSecs: m.exhaustionSecs,
            fullAt: rule.dimension === 'exhaustion' || m.exhaustionSecs !== null ? fullAt(at, m.exhaustionSecs) : null,
            flaps: s.next?.flaps ?? row?.flaps ?? 0, summary: summarize(reading), at, url: `${o.publicUrl}/hosts/${host.id}`,
            ...(rule.dimension === 'silent' && host.shortLived ? { shortLived: true as const } : {}),
          });
        },
      });
    }
    // Every dimension had an alert of its own already: the old one closes.
    if (legacy) closeQuietly(plan, stepped, host.id, legacy);
  }

  if (stepped.length === 0) return plan;
  const decisions = decideIncidents(stepped.map((x) => x.member));
  stepped.forEach((x, n) => x.apply(decisions[n]!.event, decisions[n]!.heard));
  if (messages.length > 0) {
    // One notification per host and channel: everything it says of this moment, worst first.
    const rank = (m: AlertMessage) => (m.event === 'resolved' ? 0 : m.severity === 'critical' ? 2 : 1);
    messages.sort((a, b) => rank(b) - rank(a));
    for (const channelId of i.channelIds) {
      const alerts = routed(messages, i.routes?.get(channelId), host.labels ?? []);
      if (alerts.length === 0) continue;
      const payload: HostNotification = { host: { id: host.id, name: host.name }, at: now.toISOString(), alerts };
      plan.notifications.push({ channelId, hostId: host.id, alertId: alerts[0]!.alertId, payload, nextAttemptAt: new Date(now.getTime() + o.groupWaitMs) });
    }
  }
  return plan;
}

/**
 * The messages a channel carries. Critical only: critical ones, and every end
 * of an alert (a resolve or a step down), so an incident the channel opened
 * is closed there too. With labels: hosts with one of them only.
 */
export function routed(messages: AlertMessage[], route: ChannelRoute | undefined, hostLabels: string[]): AlertMessage[] {
  if (!route) return messages;
  if (route.labels.length > 0 && !route.labels.some((l) => hostLabels.includes(l))) return [];
  if (route.minSeverity === 'warning') return messages;
  return messages.filter((m) => m.severity === 'critical' || m.event === 'resolved' || m.event === 'deescalated');
}

const nothing = () => {};
const isFiring = (a: AlertRow | null) => a?.state === 'firing';
// Soonest first (Infinity - Infinity is NaN: no subtraction here).
const soonest = (a: Measurement, b: Measurement) => (a.value === b.value ? 0 : a.value < b.value ? -1 : 1);
const fieldsOf = (a: AlertRow): Fields => ({ value: a.value, used: a.used, limit: a.limit, exhaustionSecs: a.exhaustionSecs, subject: a.subject, resource: a.resource });

function record(plan: HostPlan, hostId: string, alertId: string, e: StepEvent, value: number): void {
  plan.events.push({ alertId, hostId, kind: e.kind, severity: e.severity, value, muted: e.muted });
}

// A rule that no longer applies (disabled, deleted, or the host lost its
// label): its open alert closes, quietly, since nothing got better.
function closeQuietly(plan: HostPlan, stepped: Stepped[], hostId: string, cur: AlertRow): void {
  stepped.push({
    row: cur, rule: null, m: null,
    member: { incident: cur.resource ?? cur.dimension, heardBefore: heardOf(cur), firingBefore: isFiring(cur), firingAfter: false, event: { kind: 'resolved', severity: severity.parse(cur.severity), notify: false, muted: 'rule changed' } },
    apply: (e) => {
      plan.updated.push({ ...fieldsOf(cur), id: cur.id, state: 'resolved', severity: null, lastNotifiedAt: null, notifiedSeverity: null, clearSince: null, flaps: cur.flaps, fired: false, resolved: true, openKey: null, reopened: false });
      record(plan, hostId, cur.id, e!, cur.value);
    },
  });
}

const heardOf = (a: AlertRow | null): Severity | null => {
  const s = severity.safeParse(a?.notifiedSeverity);
  return s.success ? s.data : null;
};

const toOpen = (a: AlertRow): OpenAlert => ({
  state: a.state as OpenAlert['state'], severity: severity.parse(a.severity), startedAt: a.startedAt,
  acknowledgedAt: a.acknowledgedAt, lastNotifiedAt: a.lastNotifiedAt, clearSince: a.clearSince, flaps: a.flaps,
});

/** An open alert that steps to what it already is: nothing to write. */
function unchanged(cur: AlertRow, next: { state: string; severity: string }, c: Carried): boolean {
  const same = (a: Date | null, b: Date | null) => a?.getTime() === b?.getTime();
  return cur.state === next.state && cur.severity === next.severity && same(cur.lastNotifiedAt, c.lastNotifiedAt) && same(cur.clearSince, c.clearSince)
    && cur.notifiedSeverity === c.notifiedSeverity && cur.flaps === c.flaps && cur.subject === c.subject && cur.resource === c.resource
    && cur.value === c.value && cur.used === c.used && cur.limit === c.limit && cur.exhaustionSecs === c.exhaustionSecs;
}
