import { formatAgo } from '@/lib/format';
import type { ChannelsView } from '@/lib/views';

const statusStyle: Record<string, string> = {
  delivered: 'text-emerald-700 dark:text-emerald-300', pending: 'text-amber-700 dark:text-amber-300',
  sending: 'text-amber-700 dark:text-amber-300', failed: 'text-red-700 dark:text-red-300',
};

/** The latest notifications: where each went, what it said, and how its delivery went. */
export function DeliveryLog({ deliveries, now }: Pick<ChannelsView, 'deliveries' | 'now'>) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900">
      <table className="w-full text-sm">
        <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr><th scope="col" className="px-3 py-2">When</th><th scope="col" className="px-3 py-2">Channel</th><th scope="col" className="px-3 py-2">What</th>
            <th scope="col" className="px-3 py-2">Status</th><th scope="col" className="px-3 py-2 text-right">Attempts</th><th scope="col" className="px-3 py-2">Last answer</th></tr>
        </thead>
        <tbody>
          {deliveries.length === 0 && <tr><td colSpan={6} className="px-3 py-3 text-slate-500 dark:text-slate-400">Nothing sent yet.</td></tr>}
          {deliveries.map((n) => (
            <tr key={n.id} className="border-t border-slate-100 dark:border-slate-800">
              <td className="px-3 py-1.5 whitespace-nowrap">{formatAgo(n.createdAt.toISOString(), now)}</td>
              <td className="px-3 py-1.5">{n.channel}</td>
              <td className="px-3 py-1.5">{n.what}</td>
              <td className={`px-3 py-1.5 font-medium ${statusStyle[n.status] ?? ''}`}>{n.status}{n.retrying ? ' (retrying)' : ''}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{n.attempts}</td>
              <td className="max-w-xs truncate px-3 py-1.5 font-mono text-xs" title={n.lastAnswer ?? ''}>{n.lastAnswer ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
