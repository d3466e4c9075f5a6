'use client';
import { useActionState } from 'react';
import { setLabelsAction } from '@/app/(app)/hosts/[id]/actions';
import type { FormState } from '@/lib/server/form';
import { buttonClass, fieldClass, FormStatus } from './settings/FormStatus';

const chip = 'rounded bg-slate-200 px-1.5 py-0.5 text-xs dark:bg-slate-700';

/** The agent's labels (fixed here) and the admin's (editable by admins; shown to everyone else). */
export function HostLabels({ hostId, agentLabels, labels, canEdit }: { hostId: string; agentLabels: string[]; labels: string[]; canEdit: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setLabelsAction, { ok: false });
  if (!canEdit) {
    return (
      <div className="flex flex-wrap items-center gap-2 text-sm" aria-label="Host labels">
        <span className="text-slate-500 dark:text-slate-400">Labels</span>
        {[...agentLabels, ...labels].map((l) => <span key={l} className={chip}>{l}</span>)}
        {agentLabels.length + labels.length === 0 && <span className="text-slate-500 dark:text-slate-400">none</span>}
      </div>
    );
  }
  return (
    <form action={action} className="flex flex-wrap items-center gap-2 text-sm" aria-label="Host labels">
      <span className="text-slate-500 dark:text-slate-400">Labels</span>
      {agentLabels.map((l) => <span key={l} title="set by the agent (--label)" className={chip}>{l}</span>)}
      <input type="hidden" name="hostId" value={hostId} />
      <label className="sr-only" htmlFor="host-labels">Labels set here</label>
      <input id="host-labels" name="labels" defaultValue={labels.join(', ')} placeholder="add labels: ci, region=eu" className={`${fieldClass} w-64`} />
      <button disabled={pending} className={buttonClass}>Save labels</button>
      <FormStatus state={state} />
    </form>
  );
}
