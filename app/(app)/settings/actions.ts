'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { channelLabels, ruleForm, ruleLabels, ruleUnit, thresholdLabels, thresholdsForm } from '@/components/settings/fields';
import { channelInput } from '@/lib/protocol';
import { ruleInput } from '@/lib/protocol';
import { db } from '@/lib/server/db/client';
import { publicUrl } from '@/lib/server/env';
import { requireRole } from '@/lib/access';
import { audit } from '@/lib/server/audit';
import { formAction, parseForm, type FieldLabels, type FormState } from '@/lib/forms';
import { createChannel, deleteChannel, sendTest, setChannelEnabled } from '@/lib/alerts';
import { createRule, deleteRule, updateRule } from '@/lib/alerts';
import { setThresholds } from '@/lib/settings';

const num = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === '' ? null : Number(v));

/** The rule form speaks percent for limits and seconds for exhaustion; rules store fractions. */
function ruleFromForm(form: FormData, labels: FieldLabels) {
  const entered = parseForm(ruleForm(ruleUnit(String(form.get('dimension')))), {
    name: form.get('name'), dimension: form.get('dimension'), warning: form.get('warning'), critical: form.get('critical'),
    forSeconds: form.get('forSeconds'), hysteresis: form.get('hysteresis'), label: String(form.get('label') ?? ''), enabled: form.get('enabled') === 'on',
  }, labels);
  return parseForm(ruleInput, entered, labels);
}

export async function saveRuleAction(_prev: FormState, form: FormData): Promise<FormState> {
  const labels = ruleLabels(ruleUnit(String(form.get('dimension'))));
  return formAction(async () => {
    const user = await requireRole('editor');
    const rule = ruleFromForm(form, labels);
    const id = String(form.get('id') ?? '');
    const saved = id ? await updateRule(db(), id, rule) : await createRule(db(), rule);
    await audit(db(), `user:${user.name}`, id ? 'rule.update' : 'rule.create', `rule:${saved.id}`, rule);
    revalidatePath('/settings');
    return 'saved';
  }, labels);
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
  return parseForm(channelInput, { kind, name: form.get('name'), config, enabled: true }, channelLabels);
}

export async function createChannelAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const user = await requireRole('admin');
    const c = await createChannel(db(), channelFromForm(form));
    await audit(db(), `user:${user.name}`, 'channel.create', `channel:${c.id}`, { name: c.name, kind: c.kind });
    revalidatePath('/settings/channels');
    return 'channel added';
  }, channelLabels);
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
    const levels = parseForm(thresholdsForm, Object.fromEntries(['warning', 'critical', 'silentAfterIntervals'].map((k) => [k, form.get(k)])), thresholdLabels);
    await setThresholds(db(), levels, `user:${admin.name}`);
    revalidatePath('/settings');
    return 'saved: the fleet view uses it within 5 seconds';
  }, thresholdLabels);
}
