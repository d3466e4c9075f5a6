import type { Status } from '@/lib/protocol';

// Inline SVG icons: emoji and symbol glyphs are missing from many server fonts.
const paths: Record<Status, string> = {
  ok: 'M3 8.5l3 3 7-7',
  warning: 'M8 2l6.5 11.5h-13zM8 6.5v3.5M8 12v.5',
  critical: 'M4 4l8 8M12 4l-8 8',
  silent: 'M5.5 4v8M10.5 4v8',
};

const styles: Record<Status, { label: string; className: string }> = {
  ok: { label: 'OK', className: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200' },
  warning: { label: 'Warning', className: 'bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200' },
  critical: { label: 'Critical', className: 'bg-red-100 text-red-900 dark:bg-red-900/40 dark:text-red-200' },
  silent: { label: 'Silent', className: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-200' },
};

/** Status as icon and word, so colour is never the only signal. */
export function StatusBadge({ status, label }: { status: Status; label?: string }) {
  const s = styles[status];
  return (
    <span className={`inline-flex items-center gap-1 rounded px-2 py-0.5 text-xs font-semibold ${s.className}`} data-status={status}>
      <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3 w-3" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d={paths[status]} />
      </svg>
      {label ?? s.label}
    </span>
  );
}
