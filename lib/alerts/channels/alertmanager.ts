import type { z } from 'zod';
import { dimensionSpec, isDimensionKey } from '../../dimensions';
import type { alertmanagerConfig, RuleDimension } from '../../protocol';
import { subject, type AlertMessage } from '../message';
import type { AllowList } from './destination';
import { postJson } from './http';

// Forwarding to an Alertmanager (API v2). An alert there is its label set:
// the labels are the alert's identity here (host, rule, what runs out) plus
// its severity, so a step between severities is one set resolved and another
// firing, as Prometheus' own warning and critical rules would be.

/** How long a firing alert holds in Alertmanager without a re-send: five of the minute's re-sends (lib/alerts/forward.ts). */
export const FIRING_HOLD_MS = 5 * 60_000;

// Named as the Prometheus rules in deploy/prometheus name them, so one route serves both.
const alertnames: Record<RuleDimension, string> = {
  inotifyInstances: 'HeadroomInotifyInstances', inotifyWatches: 'HeadroomInotifyWatches', systemFds: 'HeadroomSystemFds',
  processFds: 'HeadroomProcessFds', silent: 'HeadroomHostSilent', panicRisk: 'HeadroomWatcherPanicRisk',
  exhaustion: 'HeadroomExhaustion', failures: 'HeadroomFailedCalls',
};

/** One alert as POST /api/v2/alerts takes it (postableAlert in Alertmanager's OpenAPI description). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt?: string;
  endsAt: string;
  generatorURL: string;
}

function labelsOf(m: AlertMessage, severity: string): Record<string, string> {
  if (m.event === 'test') return { alertname: 'HeadroomTest', severity: 'info', source: 'headroom' };
  const out: Record<string, string> = { alertname: alertnames[m.dimension], severity, host: m.host.name, rule: m.rule, source: 'headroom' };
  if (m.resource && isDimensionKey(m.resource)) out.dimension = dimensionSpec[m.resource].metric;
  return out;
}

function annotationsOf(m: AlertMessage): Record<string, string> {
  const out: Record<string, string> = { summary: subject(m), description: m.summary, headroom_alert_id: m.alertId };
  if (m.subject) out.subject = m.subject;
  if (m.fullAt) out.full_at = m.fullAt;
  return out;
}

/**
 * What one message posts. Firing: its severity's label set until `now` +
 * FIRING_HOLD_MS. A step: the old severity's set ends at once. A resolve ends
 * both sets (which one was last sent is not in the message), and a set
 * Alertmanager never saw ends without a notification.
 */
export function postableAlerts(m: AlertMessage, now: Date): PostableAlert[] {
  const at = m.at;
  const base = { annotations: annotationsOf(m), generatorURL: m.url };
  // Without startsAt Alertmanager starts an alert at its endsAt; a re-send's later start merges into the earlier one.
  const firing = (severity: string): PostableAlert => ({ ...base, labels: labelsOf(m, severity), startsAt: at, endsAt: new Date(now.getTime() + FIRING_HOLD_MS).toISOString() });
  const ended = (severity: string): PostableAlert => ({ ...base, labels: labelsOf(m, severity), endsAt: at });
  switch (m.event) {
    case 'resolved': return [ended('warning'), ended('critical')];
    case 'escalated': return [ended('warning'), firing('critical')];
    case 'deescalated': return [ended('critical'), firing('warning')];
    case 'test': return [firing('info')];
    default: return [firing(m.severity)];
  }
}

export async function sendAlertmanager(cfg: z.infer<typeof alertmanagerConfig>, messages: AlertMessage[], allow: AllowList, now = new Date()): Promise<string> {
  const alerts = messages.flatMap((m) => postableAlerts(m, now));
  const headers: Record<string, string> = cfg.token ? { authorization: `Bearer ${cfg.token}` } : {};
  const status = await postJson(`${cfg.url.replace(/\/$/, '')}/api/v2/alerts`, JSON.stringify(alerts), allow, headers);
  return `${status} (${alerts.length} alert${alerts.length === 1 ? '' : 's'})`;
}
