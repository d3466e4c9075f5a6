import 'server-only';
import { randomUUID } from 'node:crypto';
import { measure, step, type OpenAlert } from '../../alerts/evaluate';
import type { AlertMessage } from '../../alerts/message';
import { labelMatches, ruleDimension, severity, type Rule } from '../../alerts/rule';
import type { Db } from '../db/client';
import { tryJobLock } from '../db/job-lock';
import { hostRowSelect, toSummary } from './host-summary';

// Held for the length of one evaluation transaction: replicas take turns, and a
// replica that dies mid-way rolls back, leaving the work for the next turn.
const EVALUATION_LOCK = 72707370;

export interface EvaluateOptions {
  now?: Date;
  publicUrl: string;
  repeatMs: number;
  groupWaitMs: number;
}

export interface EvaluateResult { ran: boolean; events: number; notifications: number }

export async function evaluateAlerts(db: Db, o: EvaluateOptions): Promise<EvaluateResult> {
  const now = o.now ?? new Date();
  return db.$transaction(async (tx) => {
    if (!(await tryJobLock(tx, EVALUATION_LOCK))) return { ran: false, events: 0, notifications: 0 };
    const rules: Rule[] = (await tx.alertRule.findMany({ where: { enabled: true } })).map((r) => ({ ...r, dimension: ruleDimension.parse(r.dimension) }));
    const hosts = await tx.host.findMany({ select: hostRowSelect });
    const open = new Map((await tx.alert.findMany({ where: { openKey: { not: null } } })).map((a) => [a.openKey!, a]));
    const silences = await tx.silence.findMany({ where: { startsAt: { lte: now }, endsAt: { gt: now } } });
    const channels = await tx.channel.findMany({ where: { enabled: true }, select: { id: true } });
    const result: EvaluateResult = { ran: true, events: 0, notifications: 0 };

    for (const [i, h] of hosts.entries()) {
      // Thousands of hosts are a long stretch of JavaScript: let requests in between.
      if (i % 500 === 499) await new Promise((r) => setImmediate(r));
      const summary = toSummary(h, now);
      const silenced = silences.some((s) => s.hostId === h.id || (s.label !== null && summary.labels.includes(s.label)));
      for (const rule of rules) {
        if (!labelMatches(rule.label, summary.labels)) continue;
        const key = `${h.id}:${rule.id}`;
        const cur = open.get(key);
        if (!cur && !h.state && rule.dimension !== 'silent') continue;
        const curOpen: OpenAlert | null = cur ? { ...cur, state: cur.state as OpenAlert['state'], severity: severity.parse(cur.severity) } : null;
        const m = measure(rule, summary);
        const s = step(rule, m, curOpen, { now, silenced, repeatMs: o.repeatMs });
        if (!s.next && !cur) continue;
        const fields = { value: Number.isFinite(m.value) ? m.value : -1, used: m.used, limit: m.limit, exhaustionSecs: m.exhaustionSecs };
        const alertId = cur?.id ?? randomUUID();
        if (s.next && !cur) {
          await tx.alert.create({ data: {
            id: alertId, hostId: h.id, ruleId: rule.id, openKey: key, dimension: rule.dimension, state: s.next.state, severity: s.next.severity,
            ...fields, startedAt: now, firedAt: s.next.state === 'firing' ? now : null, lastNotifiedAt: s.next.lastNotifiedAt,
          } });
        } else if (s.next && cur) {
          await tx.alert.update({ where: { id: cur.id }, data: {
            state: s.next.state, severity: s.next.severity, ...fields, lastNotifiedAt: s.next.lastNotifiedAt,
            ...(cur.state === 'pending' && s.next.state === 'firing' ? { firedAt: now } : {}),
          } });
        } else if (cur) {
          await tx.alert.update({ where: { id: cur.id }, data: { state: 'resolved', openKey: null, resolvedAt: now, ...fields } });
        }
        if (!s.event) continue;
        result.events++;
        await tx.alertEvent.create({ data: { alertId, hostId: h.id, at: now, kind: s.event.kind, severity: s.event.severity, value: fields.value, muted: s.event.muted } });
        if (!s.event.notify || channels.length === 0) continue;
        const message: AlertMessage = {
          alertId, event: s.event.kind, severity: s.event.severity, rule: rule.name, dimension: rule.dimension,
          host: { id: h.id, name: h.name }, value: fields.value, used: m.used, limit: m.limit, exhaustionSecs: m.exhaustionSecs,
          at: now.toISOString(), url: `${o.publicUrl}/hosts/${h.id}`,
        };
        // The outbox row commits with the state change it announces, or not at all.
        await tx.notification.createMany({ data: channels.map((c) => ({
          channelId: c.id, alertId, kind: 'alert', payload: message as object, nextAttemptAt: new Date(now.getTime() + o.groupWaitMs),
        })) });
        result.notifications += channels.length;
      }
    }
    return result;
  }, { timeout: 120_000, maxWait: 10_000 });
}
