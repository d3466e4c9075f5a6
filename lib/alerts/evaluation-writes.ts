import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Carried } from './plan';
import type { RoundPlan } from './round';
import type { Sql } from '../server/db/raw';
import { columnList, unnestFrom, type Column } from '../server/db/unnest';

const ts = (d: Date | null) => (d === null ? null : d.toISOString());

// `limit` is a keyword: it travels as `lim` and is renamed on the way in.
const carriedColumns = <T extends Carried>(rows: T[]): Column[] => [
  { name: 'value', type: 'float8', values: rows.map((r) => r.value) },
  { name: 'used', type: 'float8', values: rows.map((r) => r.used) },
  { name: 'lim', type: 'float8', values: rows.map((r) => r.limit) },
  { name: 'exhaustion_secs', type: 'float8', values: rows.map((r) => r.exhaustionSecs) },
  { name: 'resource', type: 'text', values: rows.map((r) => r.resource) },
  { name: 'subject', type: 'text', values: rows.map((r) => r.subject) },
  { name: 'last_notified_at', type: 'timestamptz', values: rows.map((r) => ts(r.lastNotifiedAt)) },
  { name: 'notified_severity', type: 'text', values: rows.map((r) => r.notifiedSeverity) },
  { name: 'clear_since', type: 'timestamptz', values: rows.map((r) => ts(r.clearSince)) },
  { name: 'flaps', type: 'int', values: rows.map((r) => r.flaps) },
];

/** The setting that holds when the last evaluation round committed (background-status.ts reads it). */
export const EVALUATED_KEY = 'evaluation';

/** Runs a round's plan (round.ts): a handful of statements, whatever the fleet's size. */
export async function writeEvaluation(sql: Sql, w: RoundPlan): Promise<void> {
  const at = w.at.toISOString();
  // First: a pending alert that fired as a recent one coming back gives its key to that one.
  if (w.deleted.length > 0) await sql.$executeRawUnsafe(`DELETE FROM alert WHERE id = ANY($1::uuid[])`, w.deleted);
  if (w.created.length > 0) {
    const cols: Column[] = [
      { name: 'id', type: 'uuid', values: w.created.map((r) => r.id) },
      { name: 'host_id', type: 'uuid', values: w.created.map((r) => r.hostId) },
      { name: 'rule_id', type: 'uuid', values: w.created.map((r) => r.ruleId) },
      { name: 'open_key', type: 'text', values: w.created.map((r) => r.openKey) },
      { name: 'dimension', type: 'text', values: w.created.map((r) => r.dimension) },
      { name: 'state', type: 'text', values: w.created.map((r) => r.state) },
      { name: 'severity', type: 'text', values: w.created.map((r) => r.severity) },
      ...carriedColumns(w.created),
      { name: 'fired_at', type: 'timestamptz', values: w.created.map((r) => ts(r.firedAt)) },
    ];
    const from = unnestFrom(cols);
    const n = from.params.length + 1;
    await sql.$executeRawUnsafe(`
      INSERT INTO alert (${cols.map((c) => (c.name === 'lim' ? '"limit"' : c.name)).join(', ')}, started_at, updated_at)
      SELECT ${columnList(cols)}, $${n}::timestamptz, $${n}::timestamptz FROM ${from.sql}`, ...from.params, at);
  }
  if (w.updated.length > 0) {
    const from = unnestFrom([
      { name: 'id', type: 'uuid', values: w.updated.map((r) => r.id) },
      { name: 'state', type: 'text', values: w.updated.map((r) => r.state) },
      { name: 'severity', type: 'text', values: w.updated.map((r) => r.severity) },
      ...carriedColumns(w.updated),
      { name: 'open_key', type: 'text', values: w.updated.map((r) => r.openKey) },
      { name: 'fired', type: 'bool', values: w.updated.map((r) => r.fired) },
      { name: 'resolved', type: 'bool', values: w.updated.map((r) => r.resolved) },
      { name: 'reopened', type: 'bool', values: w.updated.map((r) => r.reopened) },
    ], 'u');
    const n = from.params.length + 1;
    await sql.$executeRawUnsafe(`
      UPDATE alert a SET state = u.state, severity = COALESCE(u.severity, a.severity),
        value = u.value, used = u.used, "limit" = u.lim, exhaustion_secs = u.exhaustion_secs, resource = u.resource, subject = u.subject,
        last_notified_at = CASE WHEN u.resolved THEN a.last_notified_at ELSE u.last_notified_at END,
        notified_severity = u.notified_severity, clear_since = u.clear_since, flaps = u.flaps,
        fired_at = CASE WHEN u.fired THEN $${n}::timestamptz ELSE a.fired_at END,
        open_key = CASE WHEN u.resolved THEN NULL ELSE COALESCE(u.open_key, a.open_key) END,
        resolved_at = CASE WHEN u.resolved THEN $${n}::timestamptz WHEN u.reopened THEN NULL ELSE a.resolved_at END,
        updated_at = $${n}::timestamptz
      FROM ${from.sql} WHERE a.id = u.id`, ...from.params, at);
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
      INSERT INTO alert_event (${columnList(cols)}, at) SELECT ${columnList(cols)}, $${n}::timestamptz FROM ${from.sql}`, ...from.params, at);
  }
  if (w.notifications.length > 0) await writeNotifications(sql, w.notifications, w.joinDueAfter);
  // Written with the round's changes, so it says the round committed: a worker
  // whose rollups run while every evaluation fails is caught by it, not by them.
  await sql.$executeRawUnsafe(`
    INSERT INTO setting (key, value, updated_at) VALUES ($1, $2::jsonb, $3::timestamptz)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, EVALUATED_KEY, JSON.stringify(w.heartbeat), at);
}

/**
 * The outbox rows, one per host and channel, in one statement. A host's row
 * still waiting out its group wait takes this round's alerts too (one message
 * for the moment, not one a round); the others are new rows. The database
 * decides which rows still wait, as a delivery may claim one at any moment.
 */
async function writeNotifications(sql: Sql, rows: RoundPlan['notifications'], joinDueAfter: Date): Promise<void> {
  const cols: Column[] = [
    { name: 'id', type: 'uuid', values: rows.map(() => randomUUID()) },
    { name: 'channel_id', type: 'uuid', values: rows.map((x) => x.channelId) },
    { name: 'host_id', type: 'text', values: rows.map((x) => x.hostId) },
    { name: 'alert_id', type: 'uuid', values: rows.map((x) => x.alertId) },
    { name: 'next_attempt_at', type: 'timestamptz', values: rows.map((x) => x.nextAttemptAt.toISOString()) },
    { name: 'payload', type: 'jsonb', values: rows.map((x) => JSON.stringify(x.payload)) },
  ];
  const from = unnestFrom(cols);
  const n = from.params.length + 1;
  await sql.$executeRawUnsafe(`
    WITH u AS (SELECT * FROM ${from.sql}),
    joined AS (
      UPDATE notification x SET payload = jsonb_set(x.payload, '{alerts}', (x.payload -> 'alerts') || (u.payload -> 'alerts'))
      FROM u
      WHERE x.channel_id = u.channel_id AND x.payload -> 'host' ->> 'id' = u.host_id AND x.payload ? 'alerts'
        AND x.kind = 'alert' AND x.status = 'pending' AND x.attempts = 0 AND x.next_attempt_at > $${n}::timestamptz
      RETURNING u.id
    )
    INSERT INTO notification (id, channel_id, alert_id, next_attempt_at, payload, kind)
    SELECT id, channel_id, alert_id, next_attempt_at, payload, 'alert' FROM u WHERE id NOT IN (SELECT id FROM joined)`,
  ...from.params, joinDueAfter.toISOString());
}
