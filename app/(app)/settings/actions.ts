'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { channelInput } from '@/lib/alerts/channels/config';
import { ruleInput } from '@/lib/alerts/rule';
import { dimensionKeys } from '@/lib/protocol/api';
import { db } from '@/lib/server/db/client';
import { publicUrl } from '@/lib/server/env';
import { AppError, zodIssues } from '@/lib/server/errors';
import { requireRole } from '@/lib/server/auth/current-user';
import { audit } from '@/lib/server/audit';
import { formAction, type FormState } from '@/lib/server/form';
import { createChannel, deleteChannel, sendTest, setChannelEnabled } from '@/lib/server/services/channels';
import { createRule, deleteRule, updateRule } from '@/lib/server/services/rules';
import { setThresholds } from '@/lib/server/services/thresholds';

const num = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === '' ? null : Number(v));

/** The rule form speaks percent for limits and seconds for exhaustion; rules store fractions. */
function ruleFromForm(form: FormData) {
  const dimension = String(form.get('dimension'));
  const percent = (dimensionKeys as readonly string[]).includes(dimension);
  const level = (k: string) => { const v = num(form.get(k)); return v === null ? null : percent ? v / 100 : v; };
  const parsed = ruleInput.safeParse({
    name: form.get('name'), dimension, warning: level('warning'), critical: level('critical'),
    forSeconds: num(form.get('forSeconds')) ?? 0, hysteresis: (num(form.get('hysteresis')) ?? 0) / 100, // points for limits, percent of the level for seconds
    label: String(form.get('label') ?? '').trim() || null, enabled: form.get('enabled') === 'on',
  });
  if (!parsed.success) throw new AppError('bad_request', 'check the fields', zodIssues(parsed.error.issues));
  return parsed.data;
}

export async function saveRuleAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const user = await requireRole('editor');
    const rule = ruleFromForm(form);
    const id = String(form.get('id') ?? '');
    const saved = id ? await updateRule(db(), id, rule) : await createRule(db(), rule);
    await audit(db(), `user:${user.name}`, id ? 'rule.update' : 'rule.create', `rule:${saved.id}`, rule);
    revalidatePath('/settings');
    return 'saved';
  });
}

export async function deleteRuleAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const user = await requireRole('editor');
    const id = String(form.get('id') ?? '');
    await deleteRule(db(), id);
    await audit(db(), `user:${user.name}`, 'rule.delete', `rule:${id}`);
    revalidatePath('/settings');
  });
}

function channelFromForm(form: FormData) {
  const kind = String(form.get('kind'));
  const text = (k: string) => String(form.get(k) ?? '').trim() || undefined;
  const config = kind === 'email'
    ? {
        host: text('host'), port: num(form.get('port')) ?? 587, security: text('security'), user: text('user'), password: text('password'),
        from: text('from'), to: (text('to') ?? '').split(/[\s,]+/).filter(Boolean), verifyCertificate: form.get('verifyCertificate') === 'on',
      }
    : { url: text('url'), ...(kind === 'webhook' && text('secret') ? { secret: text('secret') } : {}) };
  const parsed = channelInput.safeParse({ kind, name: form.get('name'), config, enabled: true });
  if (!parsed.success) throw new AppError('bad_request', 'check the fields', zodIssues(parsed.error.issues));
  return parsed.data;
}

export async function createChannelAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const user = await requireRole('admin');
    const c = await createChannel(db(), channelFromForm(form));
    await audit(db(), `user:${user.name}`, 'channel.create', `channel:${c.id}`, { name: c.name, kind: c.kind });
    revalidatePath('/settings/channels');
    return 'channel added';
  });
}

export async function deleteChannelAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const user = await requireRole('admin');
    const id = String(form.get('id') ?? '');
    await deleteChannel(db(), id);
    await audit(db(), `user:${user.name}`, 'channel.delete', `channel:${id}`);
    revalidatePath('/settings/channels');
  });
}

export async function setChannelEnabledAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const user = await requireRole('admin');
    const enabled = form.get('enabled') === 'true';
    const c = await setChannelEnabled(db(), String(form.get('id') ?? ''), enabled);
    await audit(db(), `user:${user.name}`, enabled ? 'channel.enable' : 'channel.disable', `channel:${c.id}`);
    revalidatePath('/settings/channels');
  });
}

export async function sendTestAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    await requireRole('admin');
    await sendTest(db(), z.string().parse(form.get('id')), publicUrl());
    revalidatePath('/settings/channels');
    return 'test queued: see the delivery log';
  });
}

/** The fleet's status levels; the form speaks percent. */
export async function setThresholdsAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const admin = await requireRole('admin');
    const pct = (k: string) => { const v = num(form.get(k)); return v === null ? null : v / 100; };
    await setThresholds(db(), { warning: pct('warning'), critical: pct('critical'), silentAfterIntervals: num(form.get('silentAfterIntervals')) }, `user:${admin.name}`);
    revalidatePath('/settings');
    return 'saved: the fleet view uses it within 5 seconds';
  });
}
