import { createHmac } from 'node:crypto';
import type { z } from 'zod';
import { body, subject, type AlertMessage } from '../message';
import { renderTemplate, type TemplateField, type webhookConfig } from '../../protocol';
import type { AllowList } from './destination';
import { postJson } from './http';

export function signature(secret: string, timestamp: string, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** A template's values for one alert. */
export const templateValues = (m: AlertMessage): Record<TemplateField, string> => ({
  subject: subject(m), body: body(m).join('\n'), host: m.host.name, hostId: m.host.id, severity: m.severity, event: m.event,
  rule: m.rule, summary: m.summary, url: m.url, at: m.at, alertId: m.alertId,
});

/** Generic JSON webhook: one body per delivery (one per alert with a template of the user's), signed when the channel has a secret. */
export async function sendWebhook(cfg: z.infer<typeof webhookConfig>, messages: AlertMessage[], deliveryId: string, allow: AllowList): Promise<string> {
  const kind = messages[0]?.event === 'test' ? 'test' : messages.length > 1 ? 'digest' : 'alert';
  const bodies = cfg.template ? messages.map((m) => renderTemplate(cfg.template!, templateValues(m))) : [JSON.stringify({ version: 1, kind, deliveryId, alerts: messages })];
  let last = '';
  for (const b of bodies) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers: Record<string, string> = { 'x-headroom-delivery': deliveryId, 'x-headroom-timestamp': timestamp };
    if (cfg.secret) headers['x-headroom-signature'] = signature(cfg.secret, timestamp, b);
    last = await postJson(cfg.url, b, allow, headers);
  }
  return last;
}
