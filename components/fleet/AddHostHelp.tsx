'use client';
import { useActionState, useEffect, useState } from 'react';
import { createAgentTokenAction } from '@/app/(app)/fleet-actions';
import { installVariants, type InstallVariantId } from '@/lib/format';
import type { FleetHostsView } from '@/lib/views';
import { FormStatus, LockedNote } from '../ui/FormStatus';
import { buttonClass } from '../ui/styles';

const loopback = /^https?:\/\/(localhost|127\.[\d.]+|\[::1\])(:\d+)?$/;

/**
 * How to add a host: a fresh token, and the ways to run the agent with it
 * (lib/format installVariants), each ready to copy. `locked` says why this
 * user may not create the token (only admins make tokens).
 */
export function AddHostHelp({ locked, install }: { locked?: string; install: FleetHostsView['install'] }) {
  const [state, action, pending] = useActionState(createAgentTokenAction, { ok: false });
  const [origin, setOrigin] = useState(install.server ?? 'http://<this-server>:3000');
  const [shown, setShown] = useState<InstallVariantId>('oneLine');
  useEffect(() => { if (!install.server) setOrigin(window.location.origin); }, [install.server]);
  const variants = install.sha256 ? installVariants(origin, install.sha256, state.token ?? '<token>', install.executable) : null;
  const variant = variants?.find((v) => v.id === shown);
  return (
    <section className="space-y-2 rounded-lg border border-dashed border-slate-300 p-4 text-sm dark:border-slate-600" aria-labelledby="add-host">
      <h2 id="add-host" className="font-semibold">Add a host</h2>
      <p className="text-slate-600 dark:text-slate-400">
        Create an ingest token, then run one of these on the host. The one line installs the agent as the systemd service
        headroom-agent (Node.js 20+ or a single executable) and starts it; <code>--uninstall</code> in place of <code>--server …</code> removes it.
      </p>
      <form action={action} className="flex items-center gap-2">
        <button disabled={pending || !!locked} title={locked} className={buttonClass}>Create an ingest token</button>
        <FormStatus state={state} />
      </form>
      <LockedNote reason={locked} />
      {state.token && <CopyBox label="Token" text={state.token} testId="agent-token" />}
      {!variants || !variant ? <p className="text-amber-700 dark:text-amber-300">No install command: {install.missing}</p> : (
        <>
          <div role="tablist" aria-label="How to run the agent" className="flex flex-wrap gap-1">
            {variants.map((v) => (
              <button key={v.id} type="button" role="tab" aria-selected={v.id === shown} onClick={() => setShown(v.id)}
                className={`rounded px-2 py-1 text-xs ${v.id === shown ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'bg-slate-200 dark:bg-slate-700'}`}>{v.title}</button>
            ))}
          </div>
          <p role="tabpanel" aria-label={variant.title} className="text-slate-600 dark:text-slate-400">{variant.note}</p>
          <CopyBox label={`${variant.title}: the command`} text={variant.lines} testId="agent-command" />
        </>
      )}
      {origin.startsWith('http://') && !loopback.test(origin) && (
        <p className="text-amber-700 dark:text-amber-300">
          This server is reached over plain http: the token and the agent travel unencrypted. Put it behind TLS and set
          HEADROOM_PUBLIC_URL to its https address (docs/security.md, &ldquo;Running behind TLS&rdquo;).
        </p>
      )}
    </section>
  );
}

function CopyBox({ label, text, testId }: { label: string; text: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => setCopied(false), [text]);
  return (
    <div className="relative">
      <pre aria-label={label} className="overflow-x-auto rounded bg-slate-900 p-3 pr-20 text-xs text-slate-100" data-testid={testId}>{text}</pre>
      <button type="button" onClick={() => void navigator.clipboard?.writeText(text).then(() => setCopied(true))} aria-label={`Copy ${label.toLowerCase()}`}
        className="absolute right-2 top-2 rounded bg-slate-700 px-2 py-1 text-xs text-white hover:bg-slate-600">{copied ? 'Copied' : 'Copy'}</button>
    </div>
  );
}
