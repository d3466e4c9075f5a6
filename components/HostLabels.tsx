'use client';
import { useActionState } from 'react';
import { setLabelsAction } from '@/app/(app)/hosts/[id]/actions';
import type { FormState } from '@/lib/server/form';
import { buttonClass, fieldClass, FormStatus } from './settings/FormStatus';

/** The agent's labels (fixed here) and the admin's (editable). */
export function HostLabels({ hostId, agentLabels, labels }: { hostId: string; agentLabels: string[]; labels: string[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setLabelsAction, { ok: false });
  return (
    <form action={action} className="flex flex-wrap items-center gap-2 text-sm" aria-label="Host labels">
      <span className="text-slate-500 dark:text-slate-400">Labels</span>
      {agentLabels.map((l) => <span key={l} title="set by the agent (--label)" className="rounded bg-slate-200 px-1.5 py-0.5 text-xs dark:bg-slate-700">{l}</span>)}
      <input type="hidden" name="hostId" value={hostId} />
      <label className="sr-only" htmlFor="host-labels">Labels set here</label>
      <input id="host-labels" name="labels" defaultValue={labels.join(', ')} placeholder="add labels: ci, region=eu" className={`${fieldClass} w-64`} />
      <button disabled={pending} className={buttonClass}>Save labels</button>
      <FormStatus state={state} />
    </form>
  );
}
