'use client';
import { useActionState } from 'react';
import { setThresholdsAction } from '@/app/(app)/settings/actions';
import type { FormState } from '@/lib/forms';
import { thresholdLabels as labels } from './fields';
import { FormStatus } from '../ui/FormStatus';
import { buttonClass, card, fieldClass } from '../ui/styles';

interface Props { warning: number; critical: number; silentAfterIntervals: number; locked?: string }

const caption = 'text-xs text-slate-500 dark:text-slate-400';

/** The fleet's status levels (warning, critical, silent), in percent and intervals. */
export function ThresholdsForm({ warning, critical, silentAfterIntervals, locked }: Props) {
  const [state, action, pending] = useActionState<FormState, FormData>(setThresholdsAction, { ok: false });
  const pct = (f: number) => Math.round(f * 1000) / 10;
  return (
    <form action={action} className={`${card} p-3 text-sm`} aria-label="Fleet status levels">
      <fieldset disabled={!!locked} title={locked} className="min-w-0 flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-0.5"><span className={caption}>{labels.warning}</span>
          <input name="warning" type="number" step="0.1" min={1} max={99.9} defaultValue={pct(warning)} className={`${fieldClass} w-24`} /></label>
        <label className="flex flex-col gap-0.5"><span className={caption}>{labels.critical}</span>
          <input name="critical" type="number" step="0.1" min={1} max={100} defaultValue={pct(critical)} className={`${fieldClass} w-24`} /></label>
        <label className="flex flex-col gap-0.5"><span className={caption}>{labels.silentAfterIntervals}</span>
          <input name="silentAfterIntervals" type="number" min={2} max={100} defaultValue={silentAfterIntervals} className={`${fieldClass} w-24`} /></label>
        <button disabled={pending} className={buttonClass}>Save</button>
        <FormStatus state={state} />
      </fieldset>
    </form>
  );
}
