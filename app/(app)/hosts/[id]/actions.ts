'use server';
import { redirect } from 'next/navigation';
import { uiCommand } from '@/lib/commands';
import type { FormState } from '@/lib/forms';

const labelsField = { labels: 'Labels' };

export async function setLabelsAction(_prev: FormState, form: FormData): Promise<FormState> {
  const id = String(form.get('hostId'));
  const labels = String(form.get('labels') ?? '').split(/[\s,]+/).filter(Boolean);
  return uiCommand('host.labels', { id, labels }, { labels: labelsField, revalidate: `/hosts/${id}`, done: 'labels saved' });
}

/** Gives the host to another ingest token. */
export async function moveHostAction(_prev: FormState, form: FormData): Promise<FormState> {
  const id = String(form.get('hostId'));
  return uiCommand('host.move', { id, token: String(form.get('token') ?? '') }, {
    labels: { token: 'Token' }, revalidate: `/hosts/${id}`, done: (m) => `now reported by token "${m.token.name}"`,
  });
}

/** Removes the host once its name is typed back; then the fleet page. */
export async function removeHostAction(_prev: FormState, form: FormData): Promise<FormState> {
  let removed = '';
  const state = await uiCommand('host.delete', { id: String(form.get('hostId')), confirm: String(form.get('confirm') ?? '') }, {
    done: (host) => { removed = host.name; return undefined; },
  });
  // Outside the command: redirect() works by throwing.
  if (removed) redirect(`/?removed=${encodeURIComponent(removed)}`);
  return state;
}
