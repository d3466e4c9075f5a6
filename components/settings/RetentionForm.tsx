'use client';
import { useActionState } from 'react';
import { setRetentionAction } from '@/app/(app)/settings/data/actions';
import type { FormState } from '@/lib/server/form';
import { buttonClass, fieldClass, FormStatus } from './FormStatus';

export function RetentionForm({ reportDays, historyDays }: { reportDays: number; historyDays: number }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setRetentionAction, { ok: false });
  return (
    <form action={action} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-900" aria-label="Retention">
      <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">Keep reports (days)</span>
        <input name="reportDays" type="number" min={1} max={3650} defaultValue={reportDays} className={`${fieldClass} w-24`} /></label>
      <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">Keep alert history and logs (days)</span>
        <input name="historyDays" type="number" min={7} max={3650} defaultValue={historyDays} className={`${fieldClass} w-24`} /></label>
      <button disabled={pending} className={buttonClass}>Save</button>
      <FormStatus state={state} />
    </form>
  );
}
