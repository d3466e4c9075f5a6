'use client';
import { useActionState, type ReactNode } from 'react';
import type { FormState } from '@/lib/forms';
import { FormStatus } from './FormStatus';

/**
 * A form whose server action answers with FormState: a refusal ("the last
 * admin cannot be demoted", a row another tab removed) shows beside the
 * button instead of throwing to the error page.
 */
export function StateForm({ action, children, className, label }: {
  action: (prev: FormState, form: FormData) => Promise<FormState>; children: ReactNode; className?: string; label?: string;
}) {
  const [state, formAction] = useActionState(action, { ok: false });
  return (
    <form action={formAction} className={className} aria-label={label}>
      {children}
      <FormStatus state={state} />
    </form>
  );
}
