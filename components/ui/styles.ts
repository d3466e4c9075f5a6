// The look every page shares, as class strings: panels, tables, fields, buttons, and badges.

/** A white bordered panel. */
export const card = 'rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900';
/** A list of rows in a panel. */
export const listCard = `${card} divide-y divide-slate-100 text-sm dark:divide-slate-800`;
/** A table's panel: it scrolls sideways on a narrow screen instead of widening the page. */
export const tableCard = `${card} relative overflow-x-auto`;
export const tableHead = 'bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300';
export const tableRow = 'border-t border-slate-100 dark:border-slate-800';
/** What a list or table says when it has nothing to show. */
export const emptyNote = 'rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600 dark:border-slate-600 dark:text-slate-400';

export const fieldClass = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm disabled:cursor-not-allowed disabled:opacity-60 dark:border-slate-600 dark:bg-slate-800';
/** A field inside a table row or a toolbar. */
export const smallField = 'rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-800';
export const buttonClass = 'rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:cursor-not-allowed disabled:opacity-50 dark:bg-slate-100 dark:text-slate-900';
export const secondaryButton = 'rounded bg-slate-200 px-3 py-1.5 text-sm dark:bg-slate-700';
/** A row's delete, revoke or remove. */
/** A small quiet button beside an in-place field ("Set"). */
export const inlineButton = 'rounded px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-100 disabled:opacity-50 dark:text-slate-200 dark:hover:bg-slate-800';

export const dangerButton = 'rounded px-2 py-1 text-xs text-red-700 hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-50 dark:text-red-300 dark:hover:bg-red-950';

/** A small neutral tag: a label, "silenced". */
export const chip = 'rounded bg-slate-200 px-1.5 py-0.5 text-xs dark:bg-slate-700';
