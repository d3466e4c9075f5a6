'use client';
import { useActionState } from 'react';
import { setLabelsAction } from '@/app/(app)/hosts/[id]/actions';
import type { FormState } from '@/lib/forms';
import { FormStatus } from '../ui/FormStatus';
import { buttonClass, chip, fieldClass } from '../ui/styles';

/**
 * The agent's labels (fixed here) and the admins' (editable by admins). For
 * everyone else the field is shown disabled, `locked` saying why.
 */
export function HostLabels({ hostId, agentLabels, agentTrusted, labels, locked }: { hostId: string; agentLabels: string[]; agentTrusted: boolean; labels: string[]; locked?: string }) {
  // Silences match an agent's labels only where its token keeps a list an admin chose (Settings → API tokens).
  const agentTitle = agentTrusted ? 'set by the agent (--label); kept by its token\'s list, so silences match it' : 'set by the agent (--label); silences do not match it';
  const [state, action, pending] = useActionState<FormState, FormData>(setLabelsAction, { ok: false });
  return (
    <form action={action} className="text-sm" aria-label="Host labels">
      <fieldset disabled={!!locked} title={locked} className="min-w-0 flex flex-wrap items-center gap-2">
        <span className="text-slate-500 dark:text-slate-400">Labels</span>
        {agentLabels.map((l) => <span key={l} title={agentTitle} className={`${chip} ${agentTrusted ? '' : 'border border-dashed border-slate-400 dark:border-slate-500'}`}>{l}</span>)}
        <input type="hidden" name="hostId" value={hostId} />
        <label className="sr-only" htmlFor="host-labels">Labels set here</label>
        <input id="host-labels" name="labels" defaultValue={labels.join(', ')} placeholder={locked ? 'none' : 'add labels: ci, region=eu'} className={`${fieldClass} w-64 max-w-full`} />
        <button disabled={pending} className={buttonClass}>Save labels</button>
        {locked && <span className="text-xs text-slate-500 dark:text-slate-400">{locked}</span>}
        <FormStatus state={state} />
      </fieldset>
    </form>
  );
}
