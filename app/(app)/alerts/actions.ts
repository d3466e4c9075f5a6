'use server';
import { z } from 'zod';
import { ackLabels, silenceLabels } from '@/components/alerts/fields';
import { uiCommand } from '@/lib/commands';
import { parseForm, type FormState } from '@/lib/forms';

export async function acknowledgeAction(_prev: FormState, form: FormData): Promise<FormState> {
  const input = { id: String(form.get('alertId') ?? ''), note: String(form.get('note') ?? '').trim() || null };
  return uiCommand('alert.acknowledge', input, { labels: ackLabels, revalidate: '/alerts', done: 'acknowledged' });
}

const durations = { '1h': 3600, '4h': 4 * 3600, '24h': 86400, '7d': 7 * 86400 } as const;
const durationField = z.object({ duration: z.enum(Object.keys(durations) as [keyof typeof durations]) });

/** The silence form's target ("host:<id>" or "label:<label>") and duration from now, as the API's silence. */
function silenceFromForm(form: FormData) {
  const { duration } = parseForm(durationField, { duration: form.get('duration') }, silenceLabels);
  const target = String(form.get('target') ?? '');
  const [kind, value] = [target.slice(0, target.indexOf(':')), target.slice(target.indexOf(':') + 1)];
  return {
    hostId: kind === 'host' ? value : null,
    label: kind === 'label' ? value : null,
    endsAt: new Date(Date.now() + durations[duration] * 1000),
    reason: form.get('reason'),
  };
}

export async function silenceAction(_prev: FormState, form: FormData): Promise<FormState> {
  return uiCommand('silence.create', () => silenceFromForm(form), { labels: silenceLabels, revalidate: '/alerts', done: 'silenced' });
}

export async function expireSilenceAction(_prev: FormState, form: FormData): Promise<FormState> {
  return uiCommand('silence.end', { id: String(form.get('silenceId') ?? '') }, { revalidate: '/alerts' });
}
