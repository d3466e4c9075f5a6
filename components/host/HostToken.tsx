'use client';
import { useActionState } from 'react';
import { moveHostAction } from '@/app/(app)/hosts/[id]/actions';
import type { FormState } from '@/lib/forms';
import { FormStatus } from '../ui/FormStatus';
import { buttonClass, fieldClass } from '../ui/styles';

interface Props {
  hostId: string;
  name: string;
  owner: { label: string; revoked: boolean } | null;
  choices: { id: string; label: string }[];
}

/** Admins only: which ingest token this host's reports are taken from, and giving it to another (a new token, a rotated one). */
export function HostToken({ hostId, name, owner, choices }: Props) {
  const [state, action, pending] = useActionState<FormState, FormData>(moveHostAction, { ok: false });
  return (
    <details className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-700" open={owner?.revoked}>
      <summary className="cursor-pointer font-medium">
        Reporting token: {owner ? owner.label : 'none yet'}
        {owner?.revoked && <span className="ml-2 text-red-700 dark:text-red-300">revoked: reports are refused until the host is moved</span>}
      </summary>
      <form action={action} className="mt-2 space-y-2" aria-label="Move host to another token">
        <p className="max-w-2xl text-slate-600 dark:text-slate-400">
          Only reports sent with this token are taken for {name}; any other token gets 403. After handing the host a new
          token, move it here (or every host of a token at once: <code>npx headroom host move --from OLD --token NEW</code>).
        </p>
        <input type="hidden" name="hostId" value={hostId} />
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor="move-token">Move to</label>
          <select id="move-token" name="token" className={`${fieldClass} w-64 max-w-full`} disabled={choices.length === 0}>
            {choices.map((t) => <option key={t.id} value={t.id}>{t.label}</option>)}
          </select>
          <button disabled={pending || choices.length === 0} className={buttonClass}>Move host</button>
          <FormStatus state={state} />
        </div>
        {choices.length === 0 && <p className="text-slate-500">No other active ingest token: create one under Settings → API tokens.</p>}
      </form>
    </details>
  );
}
