import Link from 'next/link';

export function SettingsNav({ current }: { current: 'rules' | 'channels' | 'tokens' | 'users' | 'data' }) {
  const tabs = [['rules', '/settings', 'Alert rules'], ['channels', '/settings/channels', 'Notification channels'], ['tokens', '/settings/tokens', 'API tokens'], ['users', '/settings/users', 'Users and audit'], ['data', '/settings/data', 'Data retention']] as const;
  return (
    <nav aria-label="Settings" className="flex flex-wrap gap-1">
      {tabs.map(([key, href, label]) => (
        <Link key={key} href={href} aria-current={current === key ? 'page' : undefined}
          className={`rounded px-3 py-1 text-sm ${current === key ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'bg-white hover:bg-slate-100 dark:bg-slate-800'}`}>{label}</Link>
      ))}
    </nav>
  );
}
