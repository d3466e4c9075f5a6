'use client';
import { useActionState } from 'react';
import { setHostLimitAction } from '@/app/(app)/settings/tokens/actions';
import { FormStatus } from '../ui/FormStatus';
import { fieldClass, inlineButton } from '../ui/styles';

/** An ingest token's enrolled hosts, and its host limit, changed in place. */
export function HostLimitForm({ id, name, enrolled, maxHosts, revoked }: { id: string; name: string; enrolled: number; maxHosts: number | null; revoked: boolean }) {
  const [state, action, pending] = useActionState(setHostLimitAction, { ok: false });
  const full = maxHosts !== null && enrolled >= maxHosts;
  const count = <span className={full ? 'font-medium text-amber-700 dark:text-amber-300' : ''} title={full ? 'full: new hosts are refused' : undefined}>
    {enrolled}{maxHosts === null ? '' : ` of ${maxHosts}`}</span>;
  if (revoked) return count;
  return (
    <form action={action} className="flex flex-wrap items-center gap-1.5" aria-label={`Host limit of ${name}`}>
      {count}
      <input type="hidden" name="id" value={id} />
      <input name="maxHosts" type="number" min={1} max={1000000} defaultValue={maxHosts ?? ''} placeholder="no limit"
        aria-label={`Most hosts token ${name} may enrol`} className={`${fieldClass} w-24 py-0.5 text-xs`} />
      <button disabled={pending} className={inlineButton}>Set</button>
      <FormStatus state={state} />
    </form>
  );
}
