'use client';
import { useActionState } from 'react';
import { loginAction } from '@/app/login/actions';
import { buttonClass } from '../ui/styles';
import { AuthCard, authField } from './AuthCard';

export function LoginForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(loginAction, {});
  return (
    <AuthCard title="Sign in">
      <form action={action} className="space-y-3 text-sm">
        <input type="hidden" name="next" value={next} />
        <label className="block space-y-1"><span>Name</span><input name="name" required autoComplete="username" defaultValue={state.name} className={authField} /></label>
        <label className="block space-y-1"><span>Password</span><input name="password" type="password" required autoComplete="current-password" className={authField} /></label>
        {state.message && <p role="alert" className="text-red-700 dark:text-red-300">{state.message}</p>}
        <button disabled={pending} className={`${buttonClass} w-full`}>Sign in</button>
      </form>
    </AuthCard>
  );
}
