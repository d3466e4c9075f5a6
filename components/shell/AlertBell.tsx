import Link from 'next/link';
import type { ShellView } from '@/lib/views';

/** Firing alerts nobody has acknowledged or silenced, at a glance, in every page's header. */
export async function AlertBell({ count }: { count: ShellView['firing'] }) {
  const firing = await count;
  const label = firing === null ? 'Alerts' : `${firing} firing alert${firing === 1 ? '' : 's'}`;
  return (
    <Link href="/alerts" aria-label={label} title={label}
      className="relative inline-flex items-center rounded p-1.5 text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" /><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {firing !== null && firing > 0 && (
        <span data-testid="firing-count" className="absolute -right-1 -top-1 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-bold text-white tabular-nums">{firing}</span>
      )}
    </Link>
  );
}
