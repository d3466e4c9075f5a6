'use client';
import { useActionState, useEffect, useState } from 'react';
import { createAgentTokenAction } from '@/app/(app)/fleet-actions';
import { FormStatus, LockedNote } from '../ui/FormStatus';
import { buttonClass } from '../ui/styles';

/**
 * How to add a host: the exact agent command, with a freshly created token, ready to copy.
 * `locked` says why this user may not create the token (only admins make tokens).
 */
export function AddHostHelp({ locked }: { locked?: string }) {
  const [state, action, pending] = useActionState(createAgentTokenAction, { ok: false });
  const [origin, setOrigin] = useState('http://<this-server>:3000');
  const [copied, setCopied] = useState(false);
  useEffect(() => setOrigin(window.location.origin), []);
  const token = state.token ?? '<token>';
  const command = `curl -fsSO ${origin}/agent/headroom-agent.js\nsudo HEADROOM_TOKEN=${token} node headroom-agent.js --server ${origin}`;
  return (
    <section className="space-y-2 rounded-lg border border-dashed border-slate-300 p-4 text-sm dark:border-slate-600" aria-labelledby="add-host">
      <h2 id="add-host" className="font-semibold">Add a host</h2>
      <p className="text-slate-600 dark:text-slate-400">
        The agent is one file with no dependencies (Node.js 20+). Create an ingest token, then run this on the host, as root
        (or see docs/agent.md for systemd, containers and Kubernetes):
      </p>
      <form action={action} className="flex items-center gap-2">
        <button disabled={pending || !!locked} title={locked} className={buttonClass}>Create an ingest token</button>
        <FormStatus state={state} />
      </form>
      <LockedNote reason={locked} />
      <div className="relative">
        <pre className="overflow-x-auto rounded bg-slate-900 p-3 pr-20 text-xs text-slate-100" data-testid="agent-command">{command}</pre>
        <button type="button" onClick={() => void navigator.clipboard?.writeText(command).then(() => setCopied(true))}
          className="absolute right-2 top-2 rounded bg-slate-700 px-2 py-1 text-xs text-white hover:bg-slate-600">{copied ? 'Copied' : 'Copy'}</button>
      </div>
    </section>
  );
}
