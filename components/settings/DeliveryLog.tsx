import { formatAgo } from '@/lib/format';
import type { ChannelsView } from '@/lib/views';
import { tableCard, tableHead, tableRow } from '../ui/styles';

const statusStyle: Record<string, string> = {
  delivered: 'text-emerald-700 dark:text-emerald-300', pending: 'text-amber-700 dark:text-amber-300',
  sending: 'text-amber-700 dark:text-amber-300', failed: 'text-red-700 dark:text-red-300',
};

/** The latest notifications: where each went, what it said, and how its delivery went. */
export function DeliveryLog({ deliveries, now }: Pick<ChannelsView, 'deliveries' | 'now'>) {
  return (
    <div className={tableCard}>
      <table className="w-full text-sm">
        <thead className={tableHead}>
          <tr><th scope="col" className="px-3 py-2">When</th><th scope="col" className="px-3 py-2">Channel</th><th scope="col" className="px-3 py-2">What</th>
            <th scope="col" className="px-3 py-2">Status</th><th scope="col" className="px-3 py-2 text-right">Attempts</th><th scope="col" className="px-3 py-2">Last answer</th></tr>
        </thead>
        <tbody>
          {deliveries.length === 0 && <tr><td colSpan={6} className="px-3 py-3 text-slate-500 dark:text-slate-400">Nothing sent yet.</td></tr>}
          {deliveries.map((n) => (
            <tr key={n.id} className={tableRow}>
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
