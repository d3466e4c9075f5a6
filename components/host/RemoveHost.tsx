'use client';
import { useActionState } from 'react';
import { removeHostAction } from '@/app/(app)/hosts/[id]/actions';
import type { FormState } from '@/lib/forms';
import { FormStatus, LockedNote } from '../ui/FormStatus';
import { fieldClass } from '../ui/styles';

/** Admins only (`locked` says why not to others): a decommissioned host, removed with its history once its name is typed back. */
export function RemoveHost({ hostId, name, locked }: { hostId: string; name: string; locked?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(removeHostAction, { ok: false });
  return (
    <details className="rounded-lg border border-red-200 p-3 text-sm dark:border-red-900">
      <summary className="cursor-pointer font-medium text-red-700 dark:text-red-300">Remove this host</summary>
      <form action={action} className="mt-2" aria-label="Remove host">
        <fieldset disabled={!!locked} title={locked} className="min-w-0 space-y-2">
          <p className="max-w-2xl text-slate-600 dark:text-slate-400">
            For a host that is gone for good: its history, alerts and silences are deleted and it stops counting as silent.
            If its agent still runs, the next report brings it back as a new host; stop the agent first.
          </p>
          <input type="hidden" name="hostId" value={hostId} />
          <div className="flex flex-wrap items-center gap-2">
            <label htmlFor="confirm-remove">Type <b>{name}</b> to confirm</label>
            <input id="confirm-remove" name="confirm" autoComplete="off" className={`${fieldClass} w-56 max-w-full`} />
            <button disabled={pending} className="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white disabled:cursor-not-allowed disabled:opacity-50">Remove host</button>
            <FormStatus state={state} />
          </div>
          <LockedNote reason={locked} />
        </fieldset>
      </form>
    </details>
  );
}
