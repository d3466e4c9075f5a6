'use client';
import { useActionState } from 'react';
import { setupAction } from '@/app/setup/actions';
import type { FormState } from '@/lib/forms';
import { buttonClass } from '../ui/styles';
import { AuthCard, authField } from './AuthCard';

export function SetupForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(setupAction, { ok: false });
  const err = (k: string) => state.fieldErrors?.[k];
  return (
    <AuthCard title="Create the first admin">
      <p className="text-sm text-slate-600 dark:text-slate-400">There is no user yet and no default password. This account can add the others.</p>
      <form action={action} className="space-y-3 text-sm">
        <label className="block space-y-1"><span>Name</span><input name="name" required autoComplete="username" className={authField} aria-invalid={!!err('name')} /></label>
        {err('name') && <p className="text-red-700 dark:text-red-300">{err('name')}</p>}
        <label className="block space-y-1"><span>Password (12 characters or more)</span><input name="password" type="password" required minLength={12} autoComplete="new-password" className={authField} /></label>
        <label className="block space-y-1"><span>Password again</span><input name="confirm" type="password" required autoComplete="new-password" className={authField} /></label>
        {state.message && !state.ok && <p role="alert" className="text-red-700 dark:text-red-300">{state.message}</p>}
        <button disabled={pending} className={`${buttonClass} w-full`}>Create admin and sign in</button>
      </form>
    </AuthCard>
  );
}
