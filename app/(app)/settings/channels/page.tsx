import type { Metadata } from 'next';
import { AutoRefresh } from '@/components/ui/AutoRefresh';
import { lockedFor } from '@/lib/views';
import { StateForm } from '@/components/ui/StateForm';
import { NewChannelForm, SendTestButton } from '@/components/settings/ChannelForms';
import { LockedNote } from '@/components/ui/FormStatus';
import { outboxLine, type AlertMessage, type HostNotification } from '@/lib/alerts';
import { formatAgo } from '@/lib/format';
import { requirePageUser } from '@/lib/access';
import { db } from '@/lib/server/db/client';
import { deliveryLog, listChannels } from '@/lib/alerts';
import { deleteChannelAction, setChannelEnabledAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Notification channels' };

const statusStyle: Record<string, string> = {
  delivered: 'text-emerald-700 dark:text-emerald-300', pending: 'text-amber-700 dark:text-amber-300',
  sending: 'text-amber-700 dark:text-amber-300', failed: 'text-red-700 dark:text-red-300',
};

export default async function ChannelsPage() {
  const me = await requirePageUser();
  const locked = lockedFor(me.role, 'admin', 'change channels');
  const now = new Date();
  const [channels, log] = await Promise.all([listChannels(db()), deliveryLog(db(), 50)]);
  return (
    <div className="space-y-6">
      <AutoRefresh seconds={10} />
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Channels</h2>
        <LockedNote reason={locked} />
        {channels.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No channel yet: alerts are recorded but nobody is told. Add one below.</p>}
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-700 dark:bg-slate-900">
          {channels.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center gap-3 px-3 py-2">
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs uppercase dark:bg-slate-800">{c.kind}</span>
              <span className="font-medium">{c.name}</span>
              {!c.enabled && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100">paused</span>}
              <span className="truncate font-mono text-xs text-slate-500 dark:text-slate-400">{String((c.config as Record<string, unknown>).url ?? (c.config as Record<string, unknown>).host ?? '')}</span>
              <div className="ml-auto flex items-center gap-2">
                <SendTestButton id={c.id} name={c.name} locked={locked} />
                <StateForm action={setChannelEnabledAction} className="flex items-center gap-2">
                  <input type="hidden" name="id" value={c.id} />
                  <input type="hidden" name="enabled" value={String(!c.enabled)} />
                  <button disabled={!!locked} title={locked} className="rounded px-2 py-1 text-xs hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50 dark:hover:bg-slate-800" aria-label={`${c.enabled ? 'Pause' : 'Resume'} channel ${c.name}`}>{c.enabled ? 'Pause' : 'Resume'}</button>
                </StateForm>
                <StateForm action={deleteChannelAction} className="flex items-center gap-2">
                  <input type="hidden" name="id" value={c.id} />
                  <button disabled={!!locked} title={locked} className="rounded px-2 py-1 text-xs text-red-700 hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-50 dark:text-red-300 dark:hover:bg-red-950" aria-label={`Delete channel ${c.name}`}>Delete</button>
                </StateForm>
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Add a channel</h2>
        {(['webhook', 'slack', 'email'] as const).map((k) => (
          <details key={k} className="rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900">
            <summary className="cursor-pointer px-3 py-2 text-sm font-medium">{{ webhook: 'JSON webhook', slack: 'Slack-compatible webhook', email: 'E-mail (SMTP)' }[k]}</summary>
            <NewChannelForm kind={k} locked={locked} />
          </details>
        ))}
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Delivery log</h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900">
          <table className="w-full text-sm">
            <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600 dark:bg-slate-800 dark:text-slate-300">
              <tr><th scope="col" className="px-3 py-2">When</th><th scope="col" className="px-3 py-2">Channel</th><th scope="col" className="px-3 py-2">What</th>
                <th scope="col" className="px-3 py-2">Status</th><th scope="col" className="px-3 py-2 text-right">Attempts</th><th scope="col" className="px-3 py-2">Last answer</th></tr>
            </thead>
            <tbody>
              {log.length === 0 && <tr><td colSpan={6} className="px-3 py-3 text-slate-500 dark:text-slate-400">Nothing sent yet.</td></tr>}
              {log.map((n) => {
                // Written by the evaluation round (lib/alerts/plan.ts), in one of the two shapes messagesOf reads.
                const p = n.payload as unknown as HostNotification | AlertMessage;
                const last = n.attemptLog.at(-1);
                return (
                  <tr key={n.id} className="border-t border-slate-100 dark:border-slate-800">
                    <td className="px-3 py-1.5 whitespace-nowrap">{formatAgo(n.createdAt.toISOString(), now)}</td>
                    <td className="px-3 py-1.5">{n.channel.name}</td>
                    <td className="px-3 py-1.5">{n.kind === 'test' ? 'test' : outboxLine(p)}</td>
                    <td className={`px-3 py-1.5 font-medium ${statusStyle[n.status] ?? ''}`}>{n.status}{n.status === 'pending' && n.attempts > 0 ? ' (retrying)' : ''}</td>
                    <td className="px-3 py-1.5 text-right tabular-nums">{n.attempts}</td>
                    <td className="max-w-xs truncate px-3 py-1.5 font-mono text-xs" title={last?.response ?? ''}>{last?.response ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
