'use client';
import { usePathname } from 'next/navigation';
import { useEffect, useId, useState } from 'react';

/**
 * The header's links and account controls: in line from 640 px, behind one
 * button below it (a new page or Escape closes them). `always` (the bell)
 * stays in view at every width.
 */
export function NavMenu({ children, always }: { children: React.ReactNode; always: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const id = useId();
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') setOpen(false); };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <>
      <div id={id} className={`${open ? 'flex' : 'hidden'} absolute inset-x-0 top-full z-20 flex-col gap-3 border-b border-slate-200 bg-white px-4 py-3 shadow-md dark:border-slate-800 dark:bg-slate-900
        sm:static sm:flex sm:flex-1 sm:flex-row sm:items-center sm:gap-6 sm:border-0 sm:bg-transparent sm:p-0 sm:shadow-none sm:dark:bg-transparent`}>
        {children}
      </div>
      <div className="ml-auto sm:ml-0">{always}</div>
      <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}
        className="inline-flex items-center rounded p-1.5 text-slate-700 hover:bg-slate-100 sm:hidden dark:text-slate-200 dark:hover:bg-slate-800">
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          {open ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
        </svg>
        <span className="sr-only">Menu</span>
      </button>
    </>
  );
}
