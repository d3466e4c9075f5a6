import 'server-only';
import { sendThrough } from '../../alerts/channels';
import type { AlertMessage } from '../../alerts/message';
import type { Db } from '../db/client';

export interface DeliverOptions {
  now?: Date;
  /** How long a claim holds before another replica may take the notification over. */
  leaseMs?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Most messages in one digest. */
  digestMax?: number;
  send?: typeof sendThrough;
}

export interface DeliverResult { delivered: number; retried: number; failed: number }

interface Claimed { id: string; channel_id: string; payload: AlertMessage; attempts: number }

export function retryDelay(attempts: number, base: number, max: number, random = Math.random): number {
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

/**
 * Claims due notifications (SKIP LOCKED: replicas never take the same row),
 * sends them per channel, one message or one digest, and records each attempt.
 */
export async function deliverNotifications(db: Db, o: DeliverOptions = {}): Promise<DeliverResult> {
  const now = o.now ?? new Date();
  const lease = new Date(now.getTime() + (o.leaseMs ?? 60_000));
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
  const send = o.send ?? sendThrough;
  const max = o.digestMax ?? 50;
  for (const [channelId, items] of byChannel) {
    const channel = channels.get(channelId);
    for (let i = 0; i < items.length; i += max) {
      const batch = items.slice(i, i + max).sort((a, b) => a.payload.at.localeCompare(b.payload.at));
      const started = Date.now();
      let ok = false;
      let response: string;
      try {
        if (!channel?.enabled) throw new Error('channel disabled');
        response = await send(channel.kind, channel.config, batch.map((b) => b.payload), batch[0]!.id);
        ok = true;
      } catch (err) {
        response = (err as Error).message.slice(0, 300);
      }
      const durationMs = Date.now() - started;
      const at = new Date();
      await db.deliveryAttempt.createMany({ data: batch.map((b) => ({ notificationId: b.id, at, ok, response, durationMs, batchSize: batch.length })) });
      for (const b of batch) {
        const attempts = b.attempts + 1;
        if (ok) {
          await db.notification.update({ where: { id: b.id }, data: { status: 'delivered', attempts, deliveredAt: at, leaseUntil: null, lastError: null } });
          result.delivered++;
        } else if (attempts >= (o.maxAttempts ?? 12) || !channel?.enabled) {
          await db.notification.update({ where: { id: b.id }, data: { status: 'failed', attempts, leaseUntil: null, lastError: response } });
          result.failed++;
        } else {
          const next = new Date(at.getTime() + retryDelay(attempts, o.backoffBaseMs ?? 5000, o.backoffMaxMs ?? 600_000));
          await db.notification.update({ where: { id: b.id }, data: { status: 'pending', attempts, nextAttemptAt: next, leaseUntil: null, lastError: response } });
          result.retried++;
        }
      }
    }
  }
  return result;
}
