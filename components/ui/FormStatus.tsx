import type { FormState } from '@/lib/forms';

/** A form's answer: what was done, or what is wrong (each wrong field named by its label). */
export function FormStatus({ state }: { state: FormState }) {
  if (!state.message) return null;
  return (
    <span role={state.ok ? 'status' : 'alert'} className={`text-sm ${state.ok ? 'text-emerald-700 dark:text-emerald-300' : 'text-red-700 dark:text-red-300'}`}>
      {state.message}
    </span>
  );
}

/** Why the controls beside it are disabled, for those who may not use them. */
export function LockedNote({ reason }: { reason: string | undefined }) {
  if (!reason) return null;
  return <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="locked-note">{reason.charAt(0).toUpperCase() + reason.slice(1)}.</p>;
}
