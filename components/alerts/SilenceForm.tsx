'use client';
import { useActionState } from 'react';
import { silenceAction } from '@/app/(app)/alerts/actions';
import type { FormState } from '@/lib/server/form';

const input = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800';

/** Silence a host or a label for a while: notifications stop, alerts still show. */
export function SilenceForm({ hosts, labels }: { hosts: { id: string; name: string }[]; labels: string[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(silenceAction, { ok: false });
  const err = (k: string) => state.fieldErrors?.[k];
  return (
    <form action={action} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-900">
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-600 dark:text-slate-400">Silence</span>
        <select name="target" required className={input} aria-invalid={!!err('hostId')}>
          <optgroup label="Host">{hosts.map((h) => <option key={h.id} value={`host:${h.id}`}>{h.name}</option>)}</optgroup>
          {labels.length > 0 && <optgroup label="Label">{labels.map((l) => <option key={l} value={`label:${l}`}>{l}</option>)}</optgroup>}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-600 dark:text-slate-400">For</span>
        <select name="duration" defaultValue="1h" className={input}>
          <option value="1h">1 hour</option><option value="4h">4 hours</option><option value="24h">24 hours</option><option value="7d">7 days</option>
        </select>
      </label>
      <label className="flex min-w-64 flex-1 flex-col gap-1">
        <span className="text-xs text-slate-600 dark:text-slate-400">Reason</span>
        <input name="reason" required maxLength={500} placeholder="e.g. kernel upgrade" className={input} aria-invalid={!!err('reason')} />
        {err('reason') && <span className="text-xs text-red-700 dark:text-red-300">{err('reason')}</span>}
      </label>
      <button disabled={pending} className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white disabled:opacity-50 dark:bg-slate-100 dark:text-slate-900">Add silence</button>
      {state.message && <span role={state.ok ? 'status' : 'alert'} className={state.ok ? 'text-emerald-700 dark:text-emerald-300' : 'text-red-700 dark:text-red-300'}>{state.message}</span>}
    </form>
  );
}
