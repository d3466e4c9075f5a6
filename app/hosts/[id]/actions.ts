'use server';
import { revalidatePath } from 'next/cache';
import { db } from '@/lib/server/db/client';
import { formAction, type FormState } from '@/lib/server/form';
import { setHostLabels } from '@/lib/server/services/set-host-labels';

export async function setLabelsAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const id = String(form.get('hostId'));
    const labels = String(form.get('labels') ?? '').split(/[\s,]+/).filter(Boolean);
    await setHostLabels(db(), id, labels);
    revalidatePath(`/hosts/${id}`);
    return 'labels saved';
  });
}
