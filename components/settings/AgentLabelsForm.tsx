'use client';
import { useActionState } from 'react';
import { setAgentLabelsAction } from '@/app/(app)/settings/tokens/actions';
import { FormStatus } from '../ui/FormStatus';
import { fieldClass, inlineButton } from '../ui/styles';

/** Which of its agents' labels an ingest token keeps, changed in place: any, none, or a list (which silences then trust). */
export function AgentLabelsForm({ id, name, policy, revoked }: { id: string; name: string; policy: string; revoked: boolean }) {
  const [state, action, pending] = useActionState(setAgentLabelsAction, { ok: false });
  if (revoked) return <>{policy}</>;
  return (
    <form action={action} className="flex flex-wrap items-center gap-1.5" aria-label={`Agent labels of ${name}`}>
      <input type="hidden" name="id" value={id} />
      <input name="agentLabels" required maxLength={2000} defaultValue={policy} placeholder="any, none, or ci, region=*"
        title="any: kept, but no silence matches them. none: dropped. A list: only those kept, and silences match them."
        aria-label={`Agent labels token ${name} keeps`} className={`${fieldClass} w-32 py-0.5 text-xs`} />
      <button disabled={pending} className={inlineButton}>Set</button>
      <FormStatus state={state} />
    </form>
  );
}
