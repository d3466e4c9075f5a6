'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { db } from '@/lib/server/db/client';
import { requireRole } from '@/lib/access';
import { audit } from '@/lib/server/audit';
import { z } from 'zod';
import { formAction, parseForm, type FormState } from '@/lib/forms';
import { deleteHost } from '@/lib/hosts';
import { hostLabelsInput, setHostLabels } from '@/lib/hosts';

const labelsField = { labels: 'Labels' };

export async function setLabelsAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const user = await requireRole('admin');
    const id = String(form.get('hostId'));
    const { labels } = parseForm(z.object({ labels: hostLabelsInput }), { labels: String(form.get('labels') ?? '').split(/[\s,]+/).filter(Boolean) }, labelsField);
    await setHostLabels(db(), id, labels);
    await audit(db(), `user:${user.name}`, 'host.labels', `host:${id}`, { labels });
    revalidatePath(`/hosts/${id}`);
    return 'labels saved';
  }, labelsField);
}

/** Removes the host once its name is typed back; then the fleet page. */
export async function removeHostAction(_prev: FormState, form: FormData): Promise<FormState> {
  let removed = '';
  const state = await formAction(async () => {
    const user = await requireRole('admin');
    const id = String(form.get('hostId'));
    const host = await deleteHost(db(), id, String(form.get('confirm') ?? ''));
    await audit(db(), `user:${user.name}`, 'host.delete', `host:${id}`, { name: host.name });
    removed = host.name;
  });
  // Outside formAction: redirect() works by throwing.
  if (removed) redirect(`/?removed=${encodeURIComponent(removed)}`);
  return state;
}
