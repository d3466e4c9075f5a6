import 'server-only';
import type { z } from 'zod';
import { AppError, fromRefusedValue } from './errors';

/** What a server action returns to its form: field errors, or a message. */
export interface FormState { ok: boolean; message?: string; fieldErrors?: Record<string, string> }

export const initialFormState: FormState = { ok: false };

export function fieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path.join('.') || 'form'] ??= i.message;
  return out;
}

/** Runs a server action body, turning validation and typed errors into form state. */
export async function formAction(fn: () => Promise<string | void>): Promise<FormState> {
  try {
    return { ok: true, message: (await fn()) ?? undefined };
  } catch (thrown) {
    const err = fromRefusedValue(thrown) ?? thrown;
    if (err instanceof AppError) {
      return { ok: false, message: err.message, fieldErrors: err.issues ? Object.fromEntries(err.issues.map((i) => [i.path, i.message])) : undefined };
    }
    console.error('headroom: form action failed', err);
    return { ok: false, message: 'something went wrong; the server log has the details' };
  }
}
