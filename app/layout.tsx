import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { AlertBell } from '@/components/AlertBell';
import { ThemeToggle } from '@/components/ThemeToggle';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Headroom', template: '%s · Headroom' },
  description: 'File descriptor and inotify headroom across your fleet',
};

// Applies the stored or system theme before first paint, so dark mode never flashes.
const themeScript = `try{var t=localStorage.getItem('theme')}catch(e){}document.documentElement.classList.toggle('dark',t==='dark'||(t!=='light'&&matchMedia('(prefers-color-scheme: dark)').matches))`;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen">
        <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <nav className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3" aria-label="Main">
            <Link href="/" className="text-lg font-bold tracking-tight">
              Headroom
            </Link>
            {[['/', 'Fleet'], ['/alerts', 'Alerts'], ['/settings', 'Settings']].map(([href, label]) => (
              <Link key={href} href={href!} className="text-sm text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">{label}</Link>
            ))}
            <div className="ml-auto flex items-center gap-2">
              <ThemeToggle />
              <Suspense fallback={null}><AlertBell /></Suspense>
            </div>
          </nav>
        </header>
        <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
