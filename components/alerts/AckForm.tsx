'use client';
import { useActionState } from 'react';
import { acknowledgeAction } from '@/app/(app)/alerts/actions';
import type { FormState } from '@/lib/forms';
import { ackLabels } from './fields';

/** Acknowledge a firing alert, with a note; `locked`: why this user may not (shown, disabled). */
export function AckForm({ alertId, locked }: { alertId: string; locked?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(acknowledgeAction, { ok: false });
  return (
    <form action={action}>
      <fieldset disabled={!!locked} title={locked} className="min-w-0 flex items-center gap-1">
        <input type="hidden" name="alertId" value={alertId} />
        <label className="sr-only" htmlFor={`note-${alertId}`}>{ackLabels.note}</label>
        <input id={`note-${alertId}`} name="note" placeholder="note (optional)" maxLength={500}
          className="w-36 rounded border border-slate-300 bg-white px-2 py-1 text-xs disabled:cursor-not-allowed disabled:opacity-60 dark:border-slate-600 dark:bg-slate-800" />
        <button disabled={pending} className="rounded bg-slate-900 px-2 py-1 text-xs font-medium text-white disabled:cursor-not-allowed disabled:opacity-50 dark:bg-slate-100 dark:text-slate-900">
          Acknowledge
        </button>
        {state.message && !state.ok && <span role="alert" className="text-xs text-red-700 dark:text-red-300">{state.message}</span>}
      </fieldset>
    </form>
  );
}
