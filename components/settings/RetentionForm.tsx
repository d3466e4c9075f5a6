'use client';
import { useActionState } from 'react';
import { setRetentionAction } from '@/app/(app)/settings/data/actions';
import type { FormState } from '@/lib/forms';
import { retentionLabels } from './fields';
import { FormStatus } from '../ui/FormStatus';
import { buttonClass, card, fieldClass } from '../ui/styles';

interface Props { reportDays: number; minuteDays: number; hourDays: number; historyDays: number }

const fields: { name: keyof Props; min: number }[] = [
  { name: 'reportDays', min: 1 }, { name: 'minuteDays', min: 1 }, { name: 'hourDays', min: 1 }, { name: 'historyDays', min: 7 },
];

export function RetentionForm(props: Props) {
  const [state, action, pending] = useActionState<FormState, FormData>(setRetentionAction, { ok: false });
  return (
    <form action={action} className={`${card} flex flex-wrap items-end gap-3 p-3 text-sm`} aria-label="Retention">
      {fields.map((f) => (
        <label key={f.name} className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">{retentionLabels[f.name]}</span>
          <input name={f.name} type="number" min={f.min} max={3650} defaultValue={props[f.name]} className={`${fieldClass} w-24`} /></label>
      ))}
      <button disabled={pending} className={buttonClass}>Save</button>
      <FormStatus state={state} />
    </form>
  );
}
