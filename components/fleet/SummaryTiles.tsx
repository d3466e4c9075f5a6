import Link from 'next/link';
import { fleetHref, type FleetQuery } from '@/lib/protocol';
import type { FleetPage } from '@/lib/hosts';
import { card } from '../ui/styles';

/**
 * Counts over the hosts the search and label select (the whole fleet without
 * them), each a link to that slice with the same search and label.
 */
export function SummaryTiles({ counts, firing, q }: { counts: FleetPage['counts']; firing: number; q: FleetQuery }) {
  const slice = (change: Partial<FleetQuery>) => fleetHref(q, { status: undefined, panic: undefined, failed: undefined, ...change });
  const tiles = [
    { label: 'Hosts', value: counts.all, href: slice({}) },
    { label: 'Critical', value: counts.critical, href: slice({ status: 'critical' }) },
    { label: 'Warning', value: counts.warning, href: slice({ status: 'warning' }) },
    { label: 'Silent', value: counts.silent, href: slice({ status: 'silent' }) },
    { label: 'OK', value: counts.ok, href: slice({ status: 'ok' }) },
    { label: 'Watcher-panic risk', value: counts.panicRisk, href: slice({ panic: '1' }) },
    { label: 'Failed in 1 h', value: counts.failedLastHour, href: slice({ failed: '1h' }) },
    // Fleet-wide, as the alerts page's Firing view: neither acknowledged nor silenced.
    { label: 'Firing alerts', value: firing, href: '/alerts' },
  ];
  return (
    <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4 sm:gap-3 lg:grid-cols-8" aria-label="Fleet summary">
      {tiles.map((t) => (
        <li key={t.label}>
          <Link href={t.href} className={`${card} block h-full p-2 hover:border-slate-400 sm:p-3`}>
            <span className="block text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">{t.label}</span>
            <span className="block text-xl font-semibold tabular-nums sm:text-2xl">{t.value.toLocaleString('en-US')}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
