'use client';
import { useActionState, useEffect, useState } from 'react';
import { createAgentTokenAction } from '@/app/(app)/fleet-actions';
import { installLines } from '@/lib/format';
import type { FleetHostsView } from '@/lib/views';
import { FormStatus, LockedNote } from '../ui/FormStatus';
import { buttonClass } from '../ui/styles';

const loopback = /^https?:\/\/(localhost|127\.[\d.]+|\[::1\])(:\d+)?$/;

/**
 * How to add a host: install.sh's command, checked against the checksum of
 * what this server serves, with a freshly created token, ready to copy.
 * `locked` says why this user may not create the token (only admins make tokens).
 */
export function AddHostHelp({ locked, install }: { locked?: string; install: FleetHostsView['install'] }) {
  const [state, action, pending] = useActionState(createAgentTokenAction, { ok: false });
  const [origin, setOrigin] = useState(install.server ?? 'http://<this-server>:3000');
  const [copied, setCopied] = useState(false);
  useEffect(() => { if (!install.server) setOrigin(window.location.origin); }, [install.server]);
  const command = install.sha256 ? installLines(origin, install.sha256, state.token ?? '<token>') : null;
  return (
    <section className="space-y-2 rounded-lg border border-dashed border-slate-300 p-4 text-sm dark:border-slate-600" aria-labelledby="add-host">
      <h2 id="add-host" className="font-semibold">Add a host</h2>
      <p className="text-slate-600 dark:text-slate-400">
        Create an ingest token, then run this on the host: it checks install.sh against this server&apos;s checksum, installs the
        agent as the systemd service headroom-agent (Node.js 20+ or a single executable) and starts it. <code>sudo sh install.sh
        --uninstall</code> removes it; docs/agent.md has containers and Kubernetes.
      </p>
      <form action={action} className="flex items-center gap-2">
        <button disabled={pending || !!locked} title={locked} className={buttonClass}>Create an ingest token</button>
        <FormStatus state={state} />
      </form>
      <LockedNote reason={locked} />
      {command === null ? <p className="text-amber-700 dark:text-amber-300">No install command: {install.missing}</p> : (
        <div className="relative">
          <pre className="overflow-x-auto rounded bg-slate-900 p-3 pr-20 text-xs text-slate-100" data-testid="agent-command">{command}</pre>
          <button type="button" onClick={() => void navigator.clipboard?.writeText(command).then(() => setCopied(true))}
            className="absolute right-2 top-2 rounded bg-slate-700 px-2 py-1 text-xs text-white hover:bg-slate-600">{copied ? 'Copied' : 'Copy'}</button>
        </div>
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
