'use client';
import Link from 'next/link';
import { useSelectedLayoutSegment } from 'next/navigation';

const tabs = [[null, '/settings', 'Alert rules'], ['channels', '/settings/channels', 'Notification channels'], ['tokens', '/settings/tokens', 'API tokens'], ['users', '/settings/users', 'Users and audit'], ['data', '/settings/data', 'Data retention']] as const;

/** The settings pages, the one shown marked: read from the URL, since the layout that draws it stays across them. */
export function SettingsNav() {
  const current = useSelectedLayoutSegment();
  return (
    <nav aria-label="Settings" className="flex flex-wrap gap-1">
      {tabs.map(([segment, href, label]) => (
        <Link key={href} href={href} aria-current={current === segment ? 'page' : undefined}
          className={`rounded px-3 py-1 text-sm ${current === segment ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'bg-white hover:bg-slate-100 dark:bg-slate-800'}`}>{label}</Link>
      ))}
    </nav>
  );
}
