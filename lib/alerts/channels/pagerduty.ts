import type { z } from 'zod';
import type { pagerdutyConfig } from '../../protocol';
import { alertKey, subject, type AlertMessage } from '../message';
import type { AllowList } from './destination';
import { postJson } from './http';

// PagerDuty Events API v2: one event per alert, keyed by the alert so the
// resolve closes the incident its trigger opened.
const severity = (m: AlertMessage) => (m.event === 'test' ? 'info' : m.severity);

/** The Events API v2 body of one alert (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/). */
export function pagerdutyEvent(routingKey: string, m: AlertMessage, deliveryId: string): Record<string, unknown> {
  const key = alertKey(m, deliveryId);
  if (m.event === 'resolved') return { routing_key: routingKey, event_action: 'resolve', dedup_key: key };
  return {
    routing_key: routingKey, event_action: 'trigger', dedup_key: key,
    payload: {
      summary: subject(m).slice(0, 1024), source: m.host.name, severity: severity(m), timestamp: m.at,
      component: m.resource ?? m.dimension, class: m.rule,
      custom_details: { reading: m.summary, subject: m.subject, used: m.used, limit: m.limit, full_at: m.fullAt, flaps: m.flaps },
    },
    client: 'Headroom', client_url: m.url, links: [{ href: m.url, text: `${m.host.name} in Headroom` }],
  };
}

export async function sendPagerduty(cfg: z.infer<typeof pagerdutyConfig>, messages: AlertMessage[], deliveryId: string, allow: AllowList): Promise<string> {
  let last = '';
  for (const m of messages) last = await postJson(cfg.url, JSON.stringify(pagerdutyEvent(cfg.routingKey, m, deliveryId)), allow);
  return messages.length > 1 ? `${last} (${messages.length} events)` : last;
}
