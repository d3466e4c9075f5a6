import type { FormState } from '@/lib/server/form';

export function FormStatus({ state }: { state: FormState }) {
  if (!state.message) return null;
  return (
    <span role={state.ok ? 'status' : 'alert'} className={`text-sm ${state.ok ? 'text-emerald-700 dark:text-emerald-300' : 'text-red-700 dark:text-red-300'}`}>
      {state.message}
      {state.fieldErrors && !state.ok && `: ${Object.entries(state.fieldErrors).map(([k, v]) => `${k.replace(/^config\./, '')} ${v}`).join('; ')}`}
    </span>
  );
}

export const fieldClass = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800';
export const buttonClass = 'rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50 dark:bg-slate-100 dark:text-slate-900';
