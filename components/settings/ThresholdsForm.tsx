'use client';
import { useActionState } from 'react';
import { setThresholdsAction } from '@/app/(app)/settings/actions';
import type { FormState } from '@/lib/server/form';
import { buttonClass, fieldClass, FormStatus } from './FormStatus';

interface Props { warning: number; critical: number; silentAfterIntervals: number; editable: boolean }

/** The fleet's status levels (warning, critical, silent), in percent and intervals. */
export function ThresholdsForm({ warning, critical, silentAfterIntervals, editable }: Props) {
  const [state, action, pending] = useActionState<FormState, FormData>(setThresholdsAction, { ok: false });
  const pct = (f: number) => Math.round(f * 1000) / 10;
  return (
    <form action={action} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-900" aria-label="Fleet status levels">
      <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">Warning at (% of a limit)</span>
        <input name="warning" type="number" step="0.1" min={1} max={99.9} defaultValue={pct(warning)} disabled={!editable} className={`${fieldClass} w-24`} /></label>
      <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">Critical at (%)</span>
        <input name="critical" type="number" step="0.1" min={1} max={100} defaultValue={pct(critical)} disabled={!editable} className={`${fieldClass} w-24`} /></label>
      <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">Silent after (missed intervals)</span>
        <input name="silentAfterIntervals" type="number" min={2} max={100} defaultValue={silentAfterIntervals} disabled={!editable} className={`${fieldClass} w-24`} /></label>
      {editable && <button disabled={pending} className={buttonClass}>Save</button>}
      <FormStatus state={state} />
    </form>
  );
}
