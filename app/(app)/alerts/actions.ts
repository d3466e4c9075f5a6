'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { db } from '@/lib/server/db/client';
import { AppError, zodIssues } from '@/lib/server/errors';
import { requireRole } from '@/lib/server/auth/current-user';
import { audit } from '@/lib/server/audit';
import { formAction, type FormState } from '@/lib/server/form';
import { acknowledgeAlert } from '@/lib/server/services/acknowledge-alert';
import { createSilence, expireSilence, silenceInput } from '@/lib/server/services/silences';
import { acknowledgeInput } from '@/lib/protocol/api-bodies';


export async function acknowledgeAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const user = await requireRole('editor');
    const id = z.string().parse(form.get('alertId'));
    const parsed = acknowledgeInput.safeParse({ note: String(form.get('note') ?? '').trim() || null });
    if (!parsed.success) throw new AppError('bad_request', 'check the note', zodIssues(parsed.error.issues));
    const { note } = parsed.data;
    await acknowledgeAlert(db(), id, user.name, note);
    await audit(db(), `user:${user.name}`, 'alert.acknowledge', `alert:${id}`, { note });
    revalidatePath('/alerts');
    return 'acknowledged';
  });
}

const durations = { '1h': 3600, '4h': 4 * 3600, '24h': 86400, '7d': 7 * 86400 } as const;

export async function silenceAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const user = await requireRole('editor');
    const duration = z.enum(Object.keys(durations) as [keyof typeof durations]).safeParse(form.get('duration'));
    if (!duration.success) throw new AppError('bad_request', 'choose a duration', [{ path: 'duration', message: 'choose a duration' }]);
    const target = String(form.get('target') ?? '');
    const [kind, value] = [target.slice(0, target.indexOf(':')), target.slice(target.indexOf(':') + 1)];
    const parsed = silenceInput.safeParse({
      hostId: kind === 'host' ? value : null,
      label: kind === 'label' ? value : null,
      endsAt: new Date(Date.now() + durations[duration.data] * 1000),
      reason: form.get('reason'),
    });
    if (!parsed.success) throw new AppError('bad_request', 'check the fields', zodIssues(parsed.error.issues));
    const s = await createSilence(db(), parsed.data, user.name);
    await audit(db(), `user:${user.name}`, 'silence.create', `silence:${s.id}`, { hostId: s.hostId, label: s.label, endsAt: s.endsAt, reason: s.reason });
    revalidatePath('/alerts');
    return 'silenced';
  });
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
