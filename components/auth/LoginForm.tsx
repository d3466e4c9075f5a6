'use client';
import { useActionState } from 'react';
import { loginAction } from '@/app/login/actions';
import { buttonClass } from '../ui/styles';
import { AuthCard, authField } from './AuthCard';

interface Sso { name: string; only: boolean; start: string }

export function LoginForm({ next, sso, ssoError }: { next: string; sso: Sso | null; ssoError: string | null }) {
  const [state, action, pending] = useActionState(loginAction, {});
  const passwordForm = (
    <form action={action} className="space-y-3 text-sm">
      <input type="hidden" name="next" value={next} />
      <label className="block space-y-1"><span>Name</span><input name="name" required autoComplete="username" defaultValue={state.name} className={authField} /></label>
      <label className="block space-y-1"><span>Password</span><input name="password" type="password" required autoComplete="current-password" className={authField} /></label>
      {state.message && <p role="alert" className="text-red-700 dark:text-red-300">{state.message}</p>}
      <button disabled={pending} className={`${buttonClass} w-full`}>Sign in</button>
    </form>
  );
  if (!sso) return <AuthCard title="Sign in">{passwordForm}</AuthCard>;
  return (
    <AuthCard title="Sign in">
      {/* A link, not a form: the way to the provider is a redirect, which the page's form-action policy would stop. */}
      <a href={sso.start} className={`${buttonClass} block w-full text-center`}>Sign in with {sso.name}</a>
      {ssoError && <p role="alert" className="text-sm text-red-700 dark:text-red-300">{ssoError}</p>}
      {sso.only ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600 dark:text-slate-400">The first admin&apos;s password (when {sso.name} is down)</summary>
          <div className="pt-3">{passwordForm}</div>
        </details>
      ) : (
        <>
          <div className="flex items-center gap-2 text-xs text-slate-500 dark:text-slate-400"><span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />or with a local account<span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" /></div>
          {passwordForm}
        </>
      )}
    </AuthCard>
  );
}
