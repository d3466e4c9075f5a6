import Link from 'next/link';
import { fleetHref, type FleetQuery } from '@/lib/protocol';

/** `grouped`: rows are host-label pairs, a host under each of its labels. */
export function Pager({ q, total, grouped = false }: { q: FleetQuery; total: number; grouped?: boolean }) {
  const pages = Math.max(1, Math.ceil(total / q.per));
  const from = total === 0 ? 0 : (q.page - 1) * q.per + 1;
  const to = Math.min(total, q.page * q.per);
  const link = 'rounded px-2 py-1 hover:bg-slate-200 dark:hover:bg-slate-700';
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600 dark:text-slate-400">
      <span className="tabular-nums">{from.toLocaleString('en-US')}–{to.toLocaleString('en-US')} of {total.toLocaleString('en-US')} {grouped ? 'rows (a host under each of its labels)' : total === 1 ? 'host' : 'hosts'}</span>
      <span className="flex items-center gap-1">
        {q.page > 1 ? <Link href={fleetHref(q, { page: q.page - 1 })} className={link} rel="prev">← Previous</Link> : null}
        <span className="px-2 tabular-nums">page {q.page} of {pages}</span>
        {q.page < pages ? <Link href={fleetHref(q, { page: q.page + 1 })} className={link} rel="next">Next →</Link> : null}
      </span>
    </nav>
  );
}
