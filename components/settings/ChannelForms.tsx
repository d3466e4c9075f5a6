'use client';
import { useActionState } from 'react';
import { createChannelAction, sendTestAction } from '@/app/(app)/settings/actions';
import type { FormState } from '@/lib/server/form';
import { buttonClass, fieldClass, FormStatus } from './FormStatus';

function Field({ label, ...props }: { label: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="flex flex-col gap-0.5">
      <span className="text-xs text-slate-500 dark:text-slate-400">{label}</span>
      <input {...props} className={`${fieldClass} ${props.className ?? ''}`} />
    </label>
  );
}

export function NewChannelForm({ kind }: { kind: 'webhook' | 'slack' | 'email' }) {
  const [state, action, pending] = useActionState<FormState, FormData>(createChannelAction, { ok: false });
  return (
    <form action={action} className="flex flex-wrap items-end gap-2 p-3" aria-label={`New ${kind} channel`}>
      <input type="hidden" name="kind" value={kind} />
      <Field label="Name" name="name" required placeholder={kind === 'email' ? 'on-call mail' : `${kind} to on-call`} />
      {kind !== 'email' && <Field label={kind === 'slack' ? 'Incoming webhook URL' : 'URL'} name="url" type="url" required className="w-96" />}
      {kind === 'webhook' && <Field label="Signing secret (optional, 16+ chars)" name="secret" type="password" autoComplete="off" />}
      {kind === 'email' && (
        <>
          <Field label="SMTP host" name="host" required />
          <Field label="Port" name="port" inputMode="numeric" defaultValue="587" className="w-20" />
          <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">Security</span>
            <select name="security" defaultValue="starttls" className={fieldClass}><option value="starttls">STARTTLS</option><option value="tls">TLS</option><option value="none">none</option></select></label>
          <Field label="User" name="user" autoComplete="off" />
          <Field label="Password" name="password" type="password" autoComplete="off" />
          <Field label="From" name="from" required placeholder="headroom@example.com" />
          <Field label="To (comma-separated)" name="to" required className="w-64" />
          <label className="flex items-center gap-1 pb-1.5 text-sm"><input type="checkbox" name="verifyCertificate" defaultChecked /> verify certificate</label>
        </>
      )}
      <button disabled={pending} className={buttonClass}>Add</button>
      <FormStatus state={state} />
    </form>
  );
}

export function SendTestButton({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(sendTestAction, { ok: false });
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <button disabled={pending} className="rounded bg-slate-200 px-2 py-1 text-xs font-medium dark:bg-slate-700" aria-label={`Send test to ${name}`}>Send test</button>
      <FormStatus state={state} />
    </form>
  );
}
