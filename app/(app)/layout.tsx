import Link from 'next/link';
import { Suspense } from 'react';
import { AlertBell } from '@/components/shell/AlertBell';
import { BackgroundBehind } from '@/components/shell/BackgroundBehind';
import { NavMenu } from '@/components/shell/NavMenu';
import { ThemeToggle } from '@/components/shell/ThemeToggle';
import { requirePageUser } from '@/lib/access';
import { appShell } from '@/lib/views';
import { signOutAction } from './session-actions';

const pages = [['/', 'Fleet'], ['/alerts', 'Alerts'], ['/limits', 'Limits'], ['/settings', 'Settings']] as const;

// Every page in here needs a signed-in user; the checks that matter are repeated on the server for every action.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const { user, firing, background } = appShell(await requirePageUser());
  return (
    <>
      <header className="relative border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <nav className="mx-auto flex max-w-screen-2xl items-center gap-3 px-4 py-3 sm:gap-6" aria-label="Main">
          <Link href="/" className="text-lg font-bold tracking-tight">Headroom</Link>
          <NavMenu always={<Suspense fallback={null}><AlertBell count={firing} /></Suspense>}>
            {pages.map(([href, label]) => (
              <Link key={href} href={href} className="text-sm text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">{label}</Link>
            ))}
            <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-3 sm:ml-auto sm:border-0 sm:pt-0 dark:border-slate-800">
              <ThemeToggle />
              <span className="text-sm text-slate-600 dark:text-slate-300" data-testid="signed-in">{user.name} <span className="text-xs">({user.role})</span></span>
              <form action={signOutAction}><button className="text-sm text-slate-600 hover:underline dark:text-slate-300">Sign out</button></form>
            </div>
          </NavMenu>
        </nav>
      </header>
      <Suspense fallback={null}><BackgroundBehind status={background} /></Suspense>
      <main className="mx-auto max-w-screen-2xl px-4 py-6">{children}</main>
    </>
  );
}
