'use client';
import { useActionState } from 'react';
import { createChannelAction, sendTestAction } from '@/app/(app)/settings/actions';
import type { FormState } from '@/lib/forms';
import type { ChannelKind } from '@/lib/protocol';
import { channelLabels as labels } from './fields';
import { FormStatus } from '../ui/FormStatus';
import { buttonClass, fieldClass } from '../ui/styles';

function Field({ label, ...props }: { label: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="flex min-w-0 max-w-full flex-col gap-0.5">
      <span className="text-xs text-slate-500 dark:text-slate-400">{label}</span>
      <input {...props} className={`${fieldClass} ${props.className ?? ''}`} />
    </label>
  );
}

/** What the address of each chat service's incoming webhook is called there. */
const chatUrl: Partial<Record<ChannelKind, string>> = {
  slack: `Incoming webhook ${labels['config.url']}`, discord: `Webhook ${labels['config.url']}`, googlechat: `Incoming webhook ${labels['config.url']}`,
  teams: `Workflow ${labels['config.url']} (When a Teams webhook request is received)`,
};

/** A new channel of one kind; `locked`: why this user may not add one (the form is shown, disabled). */
export function NewChannelForm({ kind, locked }: { kind: ChannelKind; locked?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(createChannelAction, { ok: false });
  return (
    <form action={action} className="p-3" aria-label={`New ${kind} channel`}>
      <fieldset disabled={!!locked} title={locked} className="min-w-0 flex flex-wrap items-end gap-2">
        <input type="hidden" name="kind" value={kind} />
        <Field label={labels.name} name="name" required placeholder={kind === 'email' ? 'on-call mail' : `${kind} to on-call`} />
        {kind === 'pagerduty' && (
          <>
            <Field label={labels['config.routingKey']} name="routingKey" type="password" autoComplete="off" required className="w-80 max-w-full" />
            <Field label={`Events API ${labels['config.url']} (optional: a proxy, or the EU region's)`} name="url" type="url" placeholder="https://events.pagerduty.com/v2/enqueue" className="w-96 max-w-full" />
          </>
        )}
        {kind === 'opsgenie' && (
          <>
            <Field label={labels['config.apiKey']} name="apiKey" type="password" autoComplete="off" required className="w-80 max-w-full" />
            <Field label={`API ${labels['config.url']} (optional: the EU instance's, or a proxy)`} name="url" type="url" placeholder="https://api.opsgenie.com" className="w-96 max-w-full" />
          </>
        )}
        {kind === 'ntfy' && (
          <>
            <Field label={labels['config.topic']} name="topic" required autoComplete="off" />
            <Field label={`${labels['config.token']} (optional: a protected topic)`} name="token" type="password" autoComplete="off" />
            <Field label={`Server ${labels['config.url']} (optional: your own)`} name="url" type="url" placeholder="https://ntfy.sh" className="w-72 max-w-full" />
          </>
        )}
        {kind === 'telegram' && (
          <>
            <Field label={`${labels['config.botToken']} (from @BotFather)`} name="botToken" type="password" autoComplete="off" required className="w-80 max-w-full" />
            <Field label={`${labels['config.chatId']} (or @channel)`} name="chatId" required />
            <Field label={`Bot API ${labels['config.url']} (optional: a local server)`} name="url" type="url" placeholder="https://api.telegram.org" className="w-72 max-w-full" />
          </>
        )}
        {kind === 'alertmanager' && (
          <>
            <Field label={`Alertmanager ${labels['config.url']} (its base address)`} name="url" type="url" required placeholder="http://alertmanager:9093" className="w-80 max-w-full" />
            <Field label={`Bearer ${labels['config.token']} (optional: a proxy in front)`} name="token" type="password" autoComplete="off" />
          </>
        )}
        {(kind === 'webhook' || kind in chatUrl) && <Field label={chatUrl[kind] ?? labels['config.url']} name="url" type="url" required className="w-96 max-w-full" />}
        {kind === 'webhook' && <Field label={`${labels['config.secret']} (optional, 16+ chars)`} name="secret" type="password" autoComplete="off" />}
        {kind === 'webhook' && (
          <label className="flex min-w-0 max-w-full flex-col gap-0.5">
            <span className="text-xs text-slate-500 dark:text-slate-400">{labels['config.template']}</span>
            <textarea name="template" rows={2} placeholder={'{"text": "{{subject}}", "link": "{{url}}"}'} className={`${fieldClass} w-96 max-w-full font-mono text-xs`} />
          </label>
        )}
        {kind === 'email' && (
          <>
            <Field label={labels['config.host']} name="host" required />
            <Field label={labels['config.port']} name="port" inputMode="numeric" defaultValue="587" className="w-20" />
            <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">{labels['config.security']}</span>
              <select name="security" defaultValue="starttls" className={fieldClass}><option value="starttls">STARTTLS</option><option value="tls">TLS</option><option value="none">none</option></select></label>
            <Field label={labels['config.user']} name="user" autoComplete="off" />
            <Field label={labels['config.password']} name="password" type="password" autoComplete="off" />
            <Field label={labels['config.from']} name="from" required placeholder="headroom@example.com" />
            <Field label={labels['config.to']} name="to" required className="w-64 max-w-full" />
            <label className="flex items-center gap-1 pb-1.5 text-sm"><input type="checkbox" name="verifyCertificate" defaultChecked /> verify certificate</label>
          </>
        )}
        <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">{labels['route.minSeverity']}</span>
          <select name="minSeverity" defaultValue="warning" className={fieldClass}><option value="warning">warning and critical</option><option value="critical">critical only</option></select></label>
        <Field label={labels['route.labels']} name="routeLabels" placeholder="any host" className="w-48 max-w-full" />
        <button disabled={pending} className={buttonClass}>Add</button>
        <FormStatus state={state} />
      </fieldset>
    </form>
  );
}

export function SendTestButton({ id, name, locked }: { id: string; name: string; locked?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(sendTestAction, { ok: false });
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <button disabled={pending || !!locked} title={locked} className="rounded bg-slate-200 px-2 py-1 text-xs font-medium disabled:cursor-not-allowed disabled:opacity-50 dark:bg-slate-700" aria-label={`Send test to ${name}`}>Send test</button>
      <FormStatus state={state} />
    </form>
  );
}
