'use server';
import { revalidatePath } from 'next/cache';
import { requireRole } from '@/lib/access';
import { db } from '@/lib/server/db/client';
import { retentionLabels } from '@/components/settings/fields';
import { formAction, parseForm, type FormState } from '@/lib/forms';
import { retentionInput, setRetention } from '@/lib/history';

export async function setRetentionAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const admin = await requireRole('admin');
    const days = parseForm(retentionInput, Object.fromEntries(Object.keys(retentionLabels).map((k) => [k, form.get(k)])), retentionLabels);
    await setRetention(db(), days, `user:${admin.name}`);
    revalidatePath('/settings/data');
    return 'saved: applied at the next pruning (every 10 minutes)';
  }, retentionLabels);
}
