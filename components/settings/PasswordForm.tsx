'use client';
import { useActionState } from 'react';
import { changePasswordAction } from '@/app/(app)/settings/users/actions';
import type { FormState } from '@/lib/forms';
import { passwordLabels as labels } from './fields';
import { FormStatus } from '../ui/FormStatus';
import { buttonClass, card, fieldClass } from '../ui/styles';

/** The signed-in user's own password; their other sessions end when it changes. */
export function PasswordForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(changePasswordAction, { ok: false });
  const field = (name: keyof typeof labels, autoComplete: string) => (
    <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">{labels[name]}</span>
      <input name={name} type="password" required minLength={name === 'current' ? 1 : 12} autoComplete={autoComplete} className={fieldClass} /></label>
  );
  return (
    <form action={action} className={`${card} flex flex-wrap items-end gap-2 p-3`} aria-label="Change my password">
      {field('current', 'current-password')}{field('password', 'new-password')}{field('confirm', 'new-password')}
      <button disabled={pending} className={buttonClass}>Change my password</button>
      <FormStatus state={state} />
    </form>
  );
}
