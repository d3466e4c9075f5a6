import 'server-only';
import { randomUUID } from 'node:crypto';
import type { AlertMessage } from '../../alerts/message';
import type { Heartbeat, Pause } from '../../alerts/pause';
import type { Sql } from '../db/raw';
import { columnList, iso, unnestFrom, type Column } from '../db/unnest';

export interface Fields { value: number; used: number | null; limit: number | null; exhaustionSecs: number | null }

export interface EvaluationWrites {
  created: (Fields & { id: string; hostId: string; ruleId: string; openKey: string; dimension: string; state: string; severity: string; firedAt: Date | null; lastNotifiedAt: Date | null })[];
  /** A step of an open alert; `resolved` closes it (severity and last notification kept). */
  updated: (Fields & { id: string; state: string; severity: string | null; lastNotifiedAt: Date | null; fired: boolean; resolved: boolean })[];
  events: { alertId: string; hostId: string; kind: string; severity: string; value: number; muted: string | null }[];
  notifications: { channelId: string; alertId: string; payload: AlertMessage; nextAttemptAt: Date }[];
}

const ts = (d: Date | null) => (d === null ? null : d.toISOString());

// `limit` is a keyword: it travels as `lim` and is renamed on the way in.
const fieldColumns = <T extends Fields>(rows: T[]): Column[] => [
  { name: 'value', type: 'float8', values: rows.map((r) => r.value) },
  { name: 'used', type: 'float8', values: rows.map((r) => r.used) },
  { name: 'lim', type: 'float8', values: rows.map((r) => r.limit) },
  { name: 'exhaustion_secs', type: 'float8', values: rows.map((r) => r.exhaustionSecs) },
];


/** The setting that holds when the last evaluation round committed (background-status.ts reads it). */
export const EVALUATED_KEY = 'evaluation';

/** An evaluation round's changes: five statements at most, whatever the fleet's size. */
export async function writeEvaluation(sql: Sql, w: EvaluationWrites, now: Date, pause: Pause | null = null): Promise<void> {
  if (w.created.length > 0) {
    const cols: Column[] = [
      { name: 'id', type: 'uuid', values: w.created.map((r) => r.id) },
      { name: 'host_id', type: 'uuid', values: w.created.map((r) => r.hostId) },
      { name: 'rule_id', type: 'uuid', values: w.created.map((r) => r.ruleId) },
      { name: 'open_key', type: 'text', values: w.created.map((r) => r.openKey) },
      { name: 'dimension', type: 'text', values: w.created.map((r) => r.dimension) },
      { name: 'state', type: 'text', values: w.created.map((r) => r.state) },
      { name: 'severity', type: 'text', values: w.created.map((r) => r.severity) },
      ...fieldColumns(w.created),
      { name: 'fired_at', type: 'timestamptz', values: w.created.map((r) => ts(r.firedAt)) },
      { name: 'last_notified_at', type: 'timestamptz', values: w.created.map((r) => ts(r.lastNotifiedAt)) },
    ];
    const from = unnestFrom(cols);
    const n = from.params.length + 1;
    await sql.$executeRawUnsafe(`
      INSERT INTO alert (${cols.map((c) => (c.name === 'lim' ? '"limit"' : c.name)).join(', ')}, started_at, updated_at)
      SELECT ${columnList(cols)}, $${n}::timestamptz, $${n}::timestamptz FROM ${from.sql}`, ...from.params, now.toISOString());
  }
  if (w.updated.length > 0) {
    const from = unnestFrom([
      { name: 'id', type: 'uuid', values: w.updated.map((r) => r.id) },
      { name: 'state', type: 'text', values: w.updated.map((r) => r.state) },
      { name: 'severity', type: 'text', values: w.updated.map((r) => r.severity) },
      ...fieldColumns(w.updated),
      { name: 'last_notified_at', type: 'timestamptz', values: w.updated.map((r) => ts(r.lastNotifiedAt)) },
      { name: 'fired', type: 'bool', values: w.updated.map((r) => r.fired) },
      { name: 'resolved', type: 'bool', values: w.updated.map((r) => r.resolved) },
    ], 'u');
    const n = from.params.length + 1;
    await sql.$executeRawUnsafe(`
      UPDATE alert a SET state = u.state, severity = COALESCE(u.severity, a.severity),
        value = u.value, used = u.used, "limit" = u.lim, exhaustion_secs = u.exhaustion_secs,
        last_notified_at = CASE WHEN u.resolved THEN a.last_notified_at ELSE u.last_notified_at END,
        fired_at = CASE WHEN u.fired THEN $${n}::timestamptz ELSE a.fired_at END,
        open_key = CASE WHEN u.resolved THEN NULL ELSE a.open_key END,
        resolved_at = CASE WHEN u.resolved THEN $${n}::timestamptz ELSE a.resolved_at END,
        updated_at = $${n}::timestamptz
      FROM ${from.sql} WHERE a.id = u.id`, ...from.params, now.toISOString());
  }
  if (w.events.length > 0) {
    const cols: Column[] = [
      { name: 'id', type: 'uuid', values: w.events.map(() => randomUUID()) },
      { name: 'alert_id', type: 'uuid', values: w.events.map((e) => e.alertId) },
      { name: 'host_id', type: 'uuid', values: w.events.map((e) => e.hostId) },
      { name: 'kind', type: 'text', values: w.events.map((e) => e.kind) },
      { name: 'severity', type: 'text', values: w.events.map((e) => e.severity) },
      { name: 'value', type: 'float8', values: w.events.map((e) => e.value) },
      { name: 'muted', type: 'text', values: w.events.map((e) => e.muted) },
    ];
    const from = unnestFrom(cols);
    const n = from.params.length + 1;
    await sql.$executeRawUnsafe(`
      INSERT INTO alert_event (${columnList(cols)}, at) SELECT ${columnList(cols)}, $${n}::timestamptz FROM ${from.sql}`, ...from.params, now.toISOString());
  }
  if (w.notifications.length > 0) {
    const cols: Column[] = [
      { name: 'id', type: 'uuid', values: w.notifications.map(() => randomUUID()) },
      { name: 'channel_id', type: 'uuid', values: w.notifications.map((x) => x.channelId) },
      { name: 'alert_id', type: 'uuid', values: w.notifications.map((x) => x.alertId) },
      { name: 'next_attempt_at', type: 'timestamptz', values: w.notifications.map((x) => x.nextAttemptAt.toISOString()) },
      { name: 'payload', type: 'jsonb', values: w.notifications.map((x) => JSON.stringify(x.payload)) },
    ];
    const from = unnestFrom(cols);
    await sql.$executeRawUnsafe(`
      INSERT INTO notification (${columnList(cols)}, kind) SELECT ${columnList(cols)}, 'alert' FROM ${from.sql}`, ...from.params);
  }
  // Written with the round's changes, so it says the round committed: a worker
  // whose rollups run while every evaluation fails is caught by it, not by them.
  // It also carries the latest pause between rounds (lib/alerts/pause.ts).
  const beat: Heartbeat = { at: now.toISOString(), ...(pause ? { downSince: iso(pause.downSince), resumedAt: iso(pause.resumedAt) } : {}) };
  await sql.$executeRawUnsafe(`
    INSERT INTO setting (key, value, updated_at) VALUES ($1, $2::jsonb, $3::timestamptz)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, EVALUATED_KEY, JSON.stringify(beat), now.toISOString());
}
