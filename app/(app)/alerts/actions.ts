'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ackLabels, silenceLabels } from '@/components/alerts/fields';
import { db } from '@/lib/server/db/client';
import { requireRole } from '@/lib/access';
import { audit } from '@/lib/server/audit';
import { formAction, parseForm, type FormState } from '@/lib/forms';
import { acknowledgeAlert } from '@/lib/alerts';
import { createSilence, expireSilence, silenceInput } from '@/lib/alerts';
import { acknowledgeInput } from '@/lib/protocol';


export async function acknowledgeAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const user = await requireRole('editor');
    const id = z.string().parse(form.get('alertId'));
    const { note } = parseForm(acknowledgeInput, { note: String(form.get('note') ?? '').trim() || null }, ackLabels);
    await acknowledgeAlert(db(), id, user.name, note);
    await audit(db(), `user:${user.name}`, 'alert.acknowledge', `alert:${id}`, { note });
    revalidatePath('/alerts');
    return 'acknowledged';
  }, ackLabels);
}

const durations = { '1h': 3600, '4h': 4 * 3600, '24h': 86400, '7d': 7 * 86400 } as const;

export async function silenceAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const user = await requireRole('editor');
    const { duration } = parseForm(z.object({ duration: z.enum(Object.keys(durations) as [keyof typeof durations]) }), { duration: form.get('duration') }, silenceLabels);
    const target = String(form.get('target') ?? '');
    const [kind, value] = [target.slice(0, target.indexOf(':')), target.slice(target.indexOf(':') + 1)];
    const parsed = parseForm(silenceInput, {
      hostId: kind === 'host' ? value : null,
      label: kind === 'label' ? value : null,
      endsAt: new Date(Date.now() + durations[duration] * 1000),
      reason: form.get('reason'),
    }, silenceLabels);
    const s = await createSilence(db(), parsed, user.name);
    await audit(db(), `user:${user.name}`, 'silence.create', `silence:${s.id}`, { hostId: s.hostId, label: s.label, endsAt: s.endsAt, reason: s.reason });
    revalidatePath('/alerts');
    return 'silenced';
  }, silenceLabels);
}

export async function expireSilenceAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const user = await requireRole('editor');
    const id = String(form.get('silenceId') ?? '');
    await expireSilence(db(), id);
    await audit(db(), `user:${user.name}`, 'silence.end', `silence:${id}`);
    revalidatePath('/alerts');
  });
}
