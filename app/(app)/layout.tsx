import Link from 'next/link';
import { Suspense } from 'react';
import { AlertBell } from '@/components/AlertBell';
import { BackgroundBehind } from '@/components/BackgroundBehind';
import { ThemeToggle } from '@/components/ThemeToggle';
import { requirePageUser } from '@/lib/server/auth/current-user';
import { signOutAction } from './session-actions';

// Every page in here needs a signed-in user; the checks that matter are repeated on the server for every action.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  return (
    <>
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <nav className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3" aria-label="Main">
          <Link href="/" className="text-lg font-bold tracking-tight">Headroom</Link>
          {[['/', 'Fleet'], ['/alerts', 'Alerts'], ['/settings', 'Settings']].map(([href, label]) => (
            <Link key={href} href={href!} className="text-sm text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">{label}</Link>
          ))}
          <div className="ml-auto flex items-center gap-3">
            <ThemeToggle />
            <Suspense fallback={null}><AlertBell /></Suspense>
            <span className="text-sm text-slate-600 dark:text-slate-300" data-testid="signed-in">{user.name} <span className="text-xs">({user.role})</span></span>
            <form action={signOutAction}><button className="text-sm text-slate-600 hover:underline dark:text-slate-300">Sign out</button></form>
          </div>
        </nav>
      </header>
      <Suspense fallback={null}><BackgroundBehind /></Suspense>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </>
  );
}
