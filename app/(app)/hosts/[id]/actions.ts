'use server';
import { revalidatePath } from 'next/cache';
import { db } from '@/lib/server/db/client';
import { requireRole } from '@/lib/server/auth/current-user';
import { audit } from '@/lib/server/audit';
import { formAction, type FormState } from '@/lib/server/form';
import { setHostLabels } from '@/lib/server/services/set-host-labels';

export async function setLabelsAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const user = await requireRole('admin');
    const id = String(form.get('hostId'));
    const labels = String(form.get('labels') ?? '').split(/[\s,]+/).filter(Boolean);
    await setHostLabels(db(), id, labels);
    await audit(db(), `user:${user.name}`, 'host.labels', `host:${id}`, { labels });
    revalidatePath(`/hosts/${id}`);
    return 'labels saved';
  });
}
