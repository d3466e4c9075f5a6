import { formatAgo } from '@/lib/format';
import type { UsersView } from '@/lib/views';
import { listCard } from '../ui/styles';

/** Who did what to what, newest first. */
export function AuditLog({ events, now }: Pick<UsersView, 'events' | 'now'>) {
  return (
    <ul className={listCard}>
      {events.length === 0 && <li className="px-3 py-2 text-slate-500 dark:text-slate-400">Nothing yet.</li>}
      {events.map((e) => (
        <li key={e.id} className="flex flex-wrap gap-3 px-3 py-1.5">
          <span className="w-24 text-slate-500 dark:text-slate-400">{formatAgo(e.at.toISOString(), now)}</span>
          <span className="font-medium">{e.actor}</span><span>{e.action}</span><span className="font-mono text-xs">{e.target}</span>
        </li>
      ))}
    </ul>
  );
}
