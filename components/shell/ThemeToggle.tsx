'use client';
import { useEffect, useState } from 'react';

type Theme = 'system' | 'light' | 'dark';
const next: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };
const label: Record<Theme, string> = { system: 'auto', light: 'light', dark: 'dark' };
const icon: Record<Theme, string> = { system: '◐', light: '☀', dark: '☾' };

/** Follows the system until told otherwise; the choice is kept in this browser. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>('system');
  useEffect(() => setTheme((localStorage.getItem('theme') as Theme | null) ?? 'system'), []);
  const choose = () => {
    const t = next[theme];
    setTheme(t);
    if (t === 'system') localStorage.removeItem('theme');
    else localStorage.setItem('theme', t);
    const dark = t === 'dark' || (t === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.classList.toggle('dark', dark);
  };
  return (
    <button type="button" onClick={choose} title={`Switch to ${label[next[theme]]}`}
      className="rounded px-2 py-1 text-xs text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
      <span aria-hidden="true">{icon[theme]} </span>Theme: {label[theme]}
    </button>
  );
}
