'use server';
import { revalidatePath } from 'next/cache';
import { requireRole } from '@/lib/server/auth/current-user';
import { db } from '@/lib/server/db/client';
import { formAction, type FormState } from '@/lib/server/form';
import { setRetention } from '@/lib/server/services/retention';

export async function setRetentionAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const admin = await requireRole('admin');
    await setRetention(db(), Object.fromEntries(['reportDays', 'minuteDays', 'hourDays', 'historyDays'].map((k) => [k, form.get(k)])), `user:${admin.name}`);
    revalidatePath('/settings/data');
    return 'saved: applied at the next pruning (every 10 minutes)';
  });
}
