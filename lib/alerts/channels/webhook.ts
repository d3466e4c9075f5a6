import { createHmac } from 'node:crypto';
import type { z } from 'zod';
import type { AlertMessage } from '../message';
import type { webhookConfig } from '../../protocol';
import type { AllowList } from './destination';
import { postJson } from './http';

export function signature(secret: string, timestamp: string, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** Generic JSON webhook: one body per delivery, signed when the channel has a secret. */
export async function sendWebhook(cfg: z.infer<typeof webhookConfig>, messages: AlertMessage[], deliveryId: string, allow: AllowList): Promise<string> {
  const kind = messages[0]?.event === 'test' ? 'test' : messages.length > 1 ? 'digest' : 'alert';
  const body = JSON.stringify({ version: 1, kind, deliveryId, alerts: messages });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { 'x-headroom-delivery': deliveryId, 'x-headroom-timestamp': timestamp };
  if (cfg.secret) headers['x-headroom-signature'] = signature(cfg.secret, timestamp, body);
  return postJson(cfg.url, body, allow, headers);
}
