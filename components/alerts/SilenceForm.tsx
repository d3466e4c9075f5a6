'use client';
import { useActionState } from 'react';
import { silenceAction } from '@/app/(app)/alerts/actions';
import type { FormState } from '@/lib/forms';
import { FormStatus } from '../ui/FormStatus';
import { card, fieldClass as input } from '../ui/styles';
import { silenceLabels as labels } from './fields';

const caption = 'text-xs text-slate-600 dark:text-slate-400';

/** Silence a host or a label for a while: notifications stop, alerts still show. `locked`: why this user may not. */
export function SilenceForm({ hosts, labels: hostLabels, locked }: { hosts: { id: string; name: string }[]; labels: string[]; locked?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(silenceAction, { ok: false });
  const bad = (k: string) => (state.fieldErrors?.[k] ? true : undefined);
  return (
    <form action={action} className={`${card} p-3 text-sm`}>
      <fieldset disabled={!!locked} title={locked} className="min-w-0 flex flex-wrap items-end gap-3">
        <label className="flex min-w-0 flex-col gap-1">
          <span className={caption}>{labels.hostId}</span>
          <select name="target" required className={`${input} max-w-full`} aria-invalid={bad('hostId') ?? bad('label')}>
            <optgroup label="Host">{hosts.map((h) => <option key={h.id} value={`host:${h.id}`}>{h.name}</option>)}</optgroup>
            {hostLabels.length > 0 && <optgroup label="Label">{hostLabels.map((l) => <option key={l} value={`label:${l}`}>{l}</option>)}</optgroup>}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className={caption}>{labels.duration}</span>
          <select name="duration" defaultValue="1h" className={input} aria-invalid={bad('duration')}>
            <option value="1h">1 hour</option><option value="4h">4 hours</option><option value="24h">24 hours</option><option value="7d">7 days</option>
          </select>
        </label>
        <label className="flex min-w-0 flex-1 basis-64 flex-col gap-1">
          <span className={caption}>{labels.reason}</span>
          <input name="reason" required maxLength={500} placeholder="e.g. kernel upgrade" className={input} aria-invalid={bad('reason')} />
        </label>
        <button disabled={pending} className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white disabled:cursor-not-allowed disabled:opacity-50 dark:bg-slate-100 dark:text-slate-900">Add silence</button>
        <FormStatus state={state} />
      </fieldset>
    </form>
  );
}
