'use client';
import { useActionState } from 'react';
import { addUserAction } from '@/app/(app)/settings/users/actions';
import type { FormState } from '@/lib/forms';
import { userLabels as labels } from './fields';
import { FormStatus } from '../ui/FormStatus';
import { buttonClass, card, fieldClass } from '../ui/styles';

export function UserForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(addUserAction, { ok: false });
  return (
    <form action={action} className={`${card} flex flex-wrap items-end gap-2 p-3`} aria-label="New user">
      <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">{labels.name}</span>
        <input name="name" required autoComplete="off" className={fieldClass} /></label>
      <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">{labels.role}</span>
        <select name="role" defaultValue="viewer" className={fieldClass}><option value="viewer">viewer</option><option value="editor">editor</option><option value="admin">admin</option></select></label>
      <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">{labels.password}</span>
        <input name="password" type="password" required minLength={12} autoComplete="new-password" className={fieldClass} /></label>
      <button disabled={pending} className={buttonClass}>Add user</button>
      <FormStatus state={state} />
    </form>
  );
}
