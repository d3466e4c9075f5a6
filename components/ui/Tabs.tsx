import Link from 'next/link';
import type { Tab } from '@/lib/views';

/** Links between views of one page, the one shown marked for the eye and for screen readers. */
export function Tabs({ label, tabs }: { label: string; tabs: Tab[] }) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-1">
      {tabs.map((t) => (
        <Link key={t.href} href={t.href} aria-current={t.current ? 'page' : undefined}
          className={`rounded px-3 py-1 text-sm ${t.current ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'bg-white hover:bg-slate-100 dark:bg-slate-800'}`}>{t.label}</Link>
      ))}
    </nav>
  );
}
