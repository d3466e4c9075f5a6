import 'server-only';
import { failureText, RefusedDestination, sendThrough } from './channels';
import { openConfig, type StoredChannel } from './channels/config';
import type { KeyRing } from '../server/secrets/key-ring';
import { isShortLivedSilence, messagesOf, type AlertMessage, type HostNotification } from './message';
import type { Db } from '../server/db/client';

export interface DeliverOptions {
  now?: Date;
  /** How long a claim holds before another replica may take the notification over. */
  leaseMs?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Most outbox rows (hosts) in one digest. */
  digestMax?: number;
  send?: typeof sendThrough;
  /** The keys that open channel secrets (this process's unless given). */
  keys?: KeyRing;
}

export interface DeliverResult { delivered: number; retried: number; failed: number }

// One host's alerts of a moment (rows from before grouping: one message).
interface Claimed { id: string; channel_id: string; payload: HostNotification | AlertMessage; attempts: number }

export function retryDelay(attempts: number, base: number, max: number, random = Math.random): number {
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

/**
 * Claims due notifications (SKIP LOCKED: replicas never take the same row),
 * sends them per channel, one message or one digest, and records each attempt.
 * Channels are served side by side, so one slow receiver does not hold up the
 * others; within a channel each batch renews its claim before it is sent.
 */
export async function deliverNotifications(db: Db, o: DeliverOptions = {}): Promise<DeliverResult> {
  const now = o.now ?? new Date();
  const leaseMs = o.leaseMs ?? 60_000;
  const lease = new Date(now.getTime() + leaseMs);
  const claimed = await db.$queryRaw<Claimed[]>`
    UPDATE notification SET status = 'sending', lease_until = ${lease}
    WHERE id IN (
      SELECT id FROM notification
      WHERE (status = 'pending' AND next_attempt_at <= ${now}) OR (status = 'sending' AND lease_until < ${now})
      ORDER BY created_at LIMIT 500 FOR UPDATE SKIP LOCKED)
    RETURNING id, channel_id, payload, attempts`;
  const result: DeliverResult = { delivered: 0, retried: 0, failed: 0 };
  if (claimed.length === 0) return result;
  const channels = new Map((await db.channel.findMany({ where: { id: { in: [...new Set(claimed.map((c) => c.channel_id))] } } })).map((c) => [c.id, c]));
  const byChannel = new Map<string, Claimed[]>(); // Map.groupBy needs Node 21
  for (const c of claimed) byChannel.set(c.channel_id, [...(byChannel.get(c.channel_id) ?? []), c]);
  // The clock moves on from `now` as real time passes (tests give a `now` of their own).
  const t0 = Date.now();
  const clock = () => new Date(now.getTime() + Date.now() - t0);
  await Promise.all([...byChannel].map(([channelId, items]) => deliverToChannel(db, channels.get(channelId), items, { lease, leaseMs, clock }, o, result)));
  return result;
}

type Channel = (StoredChannel & { enabled: boolean }) | undefined;

interface Claim { lease: Date; leaseMs: number; clock: () => Date }

/**
 * The channel's rows in the batches they are sent in: at most `max` hosts a
 * digest, and after them the hosts that went silent soon after enrolling in
 * one batch whatever their number (a digest tells them in one line), so a
 * flood of them neither splits into dozens of digests nor crowds out the rest.
 */
export function sendBatches<T extends { payload: HostNotification | AlertMessage }>(items: T[], max: number): T[][] {
  const flood = (c: T) => messagesOf(c.payload).every(isShortLivedSilence);
  const rest = items.filter((c) => !flood(c));
  const batches: T[][] = [];
  for (let i = 0; i < rest.length; i += max) batches.push(rest.slice(i, i + max));
  const silent = items.filter(flood);
  if (silent.length > 0) batches.push(silent);
  return batches;
}

async function deliverToChannel(db: Db, channel: Channel, items: Claimed[], { lease, leaseMs, clock }: Claim, o: DeliverOptions, result: DeliverResult): Promise<void> {
  const send = o.send ?? sendThrough;
  for (const claimed of sendBatches(items, o.digestMax ?? 50)) {
    // Earlier batches to a slow receiver can outlast the claim, and another
    // replica may then have taken these rows: send only the ones still ours,
    // under a fresh lease.
    const held = new Date(clock().getTime() + leaseMs);
    const ours = new Set((await db.notification.updateManyAndReturn({
      where: { id: { in: claimed.map((b) => b.id) }, status: 'sending', leaseUntil: lease },
      data: { leaseUntil: held },
      select: { id: true },
    })).map((r) => r.id));
    const batch = claimed.filter((b) => ours.has(b.id)).sort((a, b) => a.payload.at.localeCompare(b.payload.at));
    if (batch.length === 0) continue;
    const started = Date.now();
    let ok = false;
    let refused = false;
    let response: string;
    try {
      if (!channel?.enabled) throw new Error('channel disabled');
      response = await send(channel.kind, openConfig(channel, o.keys), batch.flatMap((b) => messagesOf(b.payload)), batch[0]!.id);
      ok = true;
    } catch (err) {
      response = failureText(err);
      refused = err instanceof RefusedDestination;
      if (response.endsWith('the server log has the details')) console.error('headroom: delivery failed', err);
    }
    const durationMs = Date.now() - started;
    const at = clock();
    await db.deliveryAttempt.createMany({ data: batch.map((b) => ({ notificationId: b.id, at, ok, response, durationMs, batchSize: batch.length })) });
    const mine = (rows: Claimed[]) => ({ id: { in: rows.map((b) => b.id) }, status: 'sending', leaseUntil: held });
    if (ok) {
      await db.notification.updateMany({ where: mine(batch), data: { status: 'delivered', attempts: { increment: 1 }, deliveredAt: at, leaseUntil: null, lastError: null } });
      result.delivered += batch.length;
      continue;
    }
    const maxAttempts = o.maxAttempts ?? 12;
    // A refused destination stays refused: retrying it would only knock again.
    const last = batch.filter((b) => b.attempts + 1 >= maxAttempts || !channel?.enabled || refused);
    const again = batch.filter((b) => !last.includes(b));
    await db.notification.updateMany({ where: mine(last), data: { status: 'failed', attempts: { increment: 1 }, leaseUntil: null, lastError: response } });
    result.failed += last.length;
    if (again.length === 0) continue;
    // One delay for the whole batch: rows retried together stay one digest
    // (a delay per row spread a 300-host digest into dozens of messages).
    const attempts = Math.max(...again.map((b) => b.attempts + 1));
    const next = new Date(at.getTime() + retryDelay(attempts, o.backoffBaseMs ?? 5000, o.backoffMaxMs ?? 600_000));
    await db.notification.updateMany({ where: mine(again), data: { status: 'pending', attempts: { increment: 1 }, nextAttemptAt: next, leaseUntil: null, lastError: response } });
    result.retried += again.length;
  }
}
