'use server';
import { retentionLabels } from '@/components/settings/fields';
import { uiCommand } from '@/lib/commands';
import type { FormState } from '@/lib/forms';

export async function setRetentionAction(_prev: FormState, form: FormData): Promise<FormState> {
  const days = Object.fromEntries(Object.keys(retentionLabels).map((k) => [k, form.get(k)]));
  return uiCommand('retention.set', days, { labels: retentionLabels, revalidate: '/settings/data', done: 'saved: applied at the next pruning (every 10 minutes)' });
}
