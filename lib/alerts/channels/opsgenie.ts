import type { z } from 'zod';
import type { opsgenieConfig } from '../../protocol';
import { alertKey, body, subject, type AlertMessage } from '../message';
import type { AllowList } from './destination';
import { postJson } from './http';

// Opsgenie Alert API: create with an alias per alert, close by that alias.
const priority = (m: AlertMessage) => (m.event === 'test' ? 'P5' : m.severity === 'critical' ? 'P1' : 'P3');

/** The request for one alert: where it goes and its body (https://docs.opsgenie.com/docs/alert-api). */
export function opsgenieRequest(base: string, m: AlertMessage, deliveryId: string): { url: string; body: Record<string, unknown> } {
  const a = alertKey(m, deliveryId);
  if (m.event === 'resolved') {
    return { url: `${base}/v2/alerts/${encodeURIComponent(a)}/close?identifierType=alias`, body: { source: 'Headroom', note: subject(m) } };
  }
  return {
    url: `${base}/v2/alerts`,
    body: {
      message: subject(m).slice(0, 130), alias: a, description: [...body(m), m.url].join('\n').slice(0, 15_000),
      source: 'Headroom', entity: m.host.name, priority: priority(m), tags: ['headroom', m.dimension],
      details: { host: m.host.name, rule: m.rule, reading: m.summary, ...(m.subject ? { subject: m.subject } : {}), url: m.url },
    },
  };
}

export async function sendOpsgenie(cfg: z.infer<typeof opsgenieConfig>, messages: AlertMessage[], deliveryId: string, allow: AllowList): Promise<string> {
  let last = '';
  for (const m of messages) {
    const r = opsgenieRequest(cfg.url.replace(/\/$/, ''), m, deliveryId);
    last = await postJson(r.url, JSON.stringify(r.body), allow, { authorization: `GenieKey ${cfg.apiKey}` });
  }
  return messages.length > 1 ? `${last} (${messages.length} requests)` : last;
}
