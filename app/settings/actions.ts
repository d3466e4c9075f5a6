'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { channelInput } from '@/lib/alerts/channels/config';
import { ruleInput } from '@/lib/alerts/rule';
import { dimensionKeys } from '@/lib/protocol/api';
import { db } from '@/lib/server/db/client';
import { publicUrl } from '@/lib/server/env';
import { AppError, zodIssues } from '@/lib/server/errors';
import { formAction, type FormState } from '@/lib/server/form';
import { createChannel, deleteChannel, sendTest } from '@/lib/server/services/channels';
import { createRule, deleteRule, updateRule } from '@/lib/server/services/rules';

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
    const rule = ruleFromForm(form);
    const id = String(form.get('id') ?? '');
    if (id) await updateRule(db(), id, rule);
    else await createRule(db(), rule);
    revalidatePath('/settings');
    return 'saved';
  });
}

export async function deleteRuleAction(form: FormData): Promise<void> {
  await deleteRule(db(), z.string().parse(form.get('id')));
  revalidatePath('/settings');
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
    await createChannel(db(), channelFromForm(form));
    revalidatePath('/settings/channels');
    return 'channel added';
  });
}

export async function deleteChannelAction(form: FormData): Promise<void> {
  await deleteChannel(db(), z.string().parse(form.get('id')));
  revalidatePath('/settings/channels');
}

export async function sendTestAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    await sendTest(db(), z.string().parse(form.get('id')), publicUrl());
    revalidatePath('/settings/channels');
    return 'test queued: see the delivery log';
  });
}
