'use server';
import { channelLabels, ruleForm, ruleLabels, ruleUnit, thresholdLabels, thresholdsForm } from '@/components/settings/fields';
import { uiCommand } from '@/lib/commands';
import { parseForm, type FieldLabels, type FormState } from '@/lib/forms';

const num = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === '' ? null : Number(v));

/** The rule form speaks percent for limits and seconds for exhaustion: checked in those units, as a rule (fractions). */
function ruleFromForm(form: FormData, labels: FieldLabels) {
  return parseForm(ruleForm(ruleUnit(String(form.get('dimension')))), {
    name: form.get('name'), dimension: form.get('dimension'), warning: form.get('warning'), critical: form.get('critical'),
    forSeconds: form.get('forSeconds'), hysteresis: form.get('hysteresis'), label: String(form.get('label') ?? ''), enabled: form.get('enabled') === 'on',
  }, labels);
}

export async function saveRuleAction(_prev: FormState, form: FormData): Promise<FormState> {
  const labels = ruleLabels(ruleUnit(String(form.get('dimension'))));
  const id = String(form.get('id') ?? '');
  const rule = () => ({ ...ruleFromForm(form, labels), ...(id ? { id } : {}) });
  return uiCommand(id ? 'rule.update' : 'rule.create', rule, { labels, revalidate: '/settings', done: 'saved' });
}

export async function deleteRuleAction(_prev: FormState, form: FormData): Promise<FormState> {
  return uiCommand('rule.delete', { id: String(form.get('id') ?? '') }, { revalidate: '/settings' });
}

/** The route a channel form names; null: all alerts of every host. */
function routeFromForm(form: FormData) {
  const labels = String(form.get('routeLabels') ?? '').split(/[\s,]+/).filter(Boolean);
  const minSeverity = String(form.get('minSeverity') ?? 'warning');
  return minSeverity === 'warning' && labels.length === 0 ? null : { minSeverity, labels };
}

/** A channel as the API takes it, from its form's fields. */
function channelFromForm(form: FormData) {
  const route = routeFromForm(form);
  return route ? { ...channelBaseFromForm(form), route } : channelBaseFromForm(form);
}

function channelBaseFromForm(form: FormData) {
  const kind = String(form.get('kind'));
  const text = (k: string) => String(form.get(k) ?? '').trim() || undefined;
  const url = text('url') ? { url: text('url') } : {};
  if (kind === 'pagerduty') return { kind, name: form.get('name'), config: { routingKey: text('routingKey'), ...url }, enabled: true };
  if (kind === 'opsgenie') return { kind, name: form.get('name'), config: { apiKey: text('apiKey'), ...url }, enabled: true };
  if (kind === 'ntfy') return { kind, name: form.get('name'), config: { topic: text('topic'), ...(text('token') ? { token: text('token') } : {}), ...url }, enabled: true };
  if (kind === 'alertmanager') return { kind, name: form.get('name'), config: { url: text('url'), ...(text('token') ? { token: text('token') } : {}) }, enabled: true };
  if (kind === 'telegram') return { kind, name: form.get('name'), config: { botToken: text('botToken'), chatId: text('chatId'), ...url }, enabled: true };
  const config = kind === 'email'
    ? {
        host: text('host'), port: num(form.get('port')) ?? 587, security: text('security'), user: text('user'), password: text('password'),
        from: text('from'), to: (text('to') ?? '').split(/[\s,]+/).filter(Boolean), verifyCertificate: form.get('verifyCertificate') === 'on',
      }
    : { url: text('url'), ...(kind === 'webhook' && text('secret') ? { secret: text('secret') } : {}), ...(kind === 'webhook' && text('template') ? { template: text('template') } : {}) };
  return { kind, name: form.get('name'), config, enabled: true };
}

export async function createChannelAction(_prev: FormState, form: FormData): Promise<FormState> {
  return uiCommand('channel.create', channelFromForm(form), { labels: channelLabels, revalidate: '/settings/channels', done: 'channel added' });
}

export async function setChannelRouteAction(_prev: FormState, form: FormData): Promise<FormState> {
  return uiCommand('channel.route', { id: String(form.get('id') ?? ''), route: routeFromForm(form) }, { labels: channelLabels, revalidate: '/settings/channels', done: 'saved' });
}

export async function deleteChannelAction(_prev: FormState, form: FormData): Promise<FormState> {
  return uiCommand('channel.delete', { id: String(form.get('id') ?? '') }, { revalidate: '/settings/channels' });
}

export async function setChannelEnabledAction(_prev: FormState, form: FormData): Promise<FormState> {
  const input = { id: String(form.get('id') ?? ''), enabled: form.get('enabled') === 'true' };
  return uiCommand('channel.setEnabled', input, { revalidate: '/settings/channels' });
}

export async function sendTestAction(_prev: FormState, form: FormData): Promise<FormState> {
  return uiCommand('channel.test', { id: String(form.get('id') ?? '') }, { revalidate: '/settings/channels', done: 'test queued: see the delivery log' });
}

/** The fleet's status levels; the form speaks percent. */
export async function setThresholdsAction(_prev: FormState, form: FormData): Promise<FormState> {
  const levels = () => parseForm(thresholdsForm, Object.fromEntries(['warning', 'critical', 'silentAfterIntervals'].map((k) => [k, form.get(k)])), thresholdLabels);
  return uiCommand('thresholds.set', levels, { labels: thresholdLabels, revalidate: '/settings', done: 'saved: the fleet view uses it within 5 seconds' });
}
