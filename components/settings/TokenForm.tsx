'use client';
import { useActionState } from 'react';
import { createTokenAction } from '@/app/(app)/settings/tokens/actions';
import { tokenLabels as labels } from './fields';
import { FormStatus } from '../ui/FormStatus';
import { buttonClass, card, fieldClass } from '../ui/styles';

/** `defaultHostLimit`: what a blank host limit gives an ingest token (null: no limit). */
export function TokenForm({ defaultHostLimit }: { defaultHostLimit: number | null }) {
  const [state, action, pending] = useActionState(createTokenAction, { ok: false });
  return (
    <div className={`${card} space-y-2 p-3`}>
      <form action={action} className="flex flex-wrap items-end gap-2" aria-label="New token">
        <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">{labels.name}</span>
          <input name="name" required maxLength={100} placeholder="ci-runner-7" className={fieldClass} /></label>
        <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">{labels.scope}</span>
          <select name="scope" defaultValue="ingest" className={fieldClass}>
            <option value="ingest">ingest (agents)</option><option value="read">read (API)</option><option value="admin">admin (API settings)</option>
          </select></label>
        <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">{labels.hostName} (optional)</span>
          <input name="hostName" maxLength={253} placeholder="any host may enrol" className={fieldClass} /></label>
        <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">{labels.maxHosts} (blank: {defaultHostLimit ?? 'none'})</span>
          <input name="maxHosts" inputMode="numeric" maxLength={7} placeholder={defaultHostLimit === null ? 'none' : `${defaultHostLimit}, or none`} className={`${fieldClass} w-32`} /></label>
        <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">{labels.agentLabels} (optional)</span>
          <input name="agentLabels" maxLength={2000} placeholder="any, none, or ci, region=*" className={`${fieldClass} w-44`} /></label>
        <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">{labels.expires} (optional)</span>
          <input name="expires" maxLength={12} placeholder="never, or 30d" className={`${fieldClass} w-36`} /></label>
        <button disabled={pending} className={buttonClass}>Create token</button>
        <FormStatus state={state} />
      </form>
      {state.token && <pre className="overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100" data-testid="new-token">{state.token}</pre>}
    </div>
  );
}
