import 'server-only';
import { z } from 'zod';
import { AppError, fromRefusedValue, type Issue } from '../server/errors';

/** What a server action returns to its form: field errors, or a message. */
export interface FormState { ok: boolean; message?: string; fieldErrors?: Record<string, string> }

export const initialFormState: FormState = { ok: false };

/** The words a form shows beside each field, by field name ("config.url" for nested ones). */
export type FieldLabels = Readonly<Record<string, string>>;

export function fieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path.join('.') || 'form'] ??= i.message;
  return out;
}

/**
 * A field's label: its own, or that of the field it is part of (an e-mail
 * channel's "config.to.1" is the "To" field), else its name in words.
 */
export function fieldLabel(path: string, labels: FieldLabels = {}): string {
  for (let p = path.split('.'); p.length > 0; p = p.slice(0, -1)) {
    const label = labels[p.join('.')];
    if (label) return label;
  }
  const last = path.split('.').filter((s) => !/^\d+$/.test(s)).at(-1) ?? 'form';
  const words = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const counted = (n: unknown, one: string) => `${n} ${Number(n) === 1 ? one : `${one}s`}`;

/**
 * Zod's issues in the words a form uses ("required", "must be at least 12
 * characters"): its defaults speak of types ("expected string to have
 * >=1 characters"). Messages a schema sets itself are kept as they are.
 */
function plainIssue(issue: z.core.$ZodRawIssue): string | undefined {
  const i = issue as z.core.$ZodRawIssue & { origin?: string; minimum?: unknown; maximum?: unknown; inclusive?: boolean; expected?: string; format?: string; values?: unknown[]; keys?: string[] };
  const text = i.origin === 'string';
  switch (i.code) {
    case 'invalid_type':
      if (i.input === undefined || i.input === null || i.input === '') return 'required';
      return i.expected === 'int' ? 'must be a whole number' : i.expected === 'number' ? 'must be a number' : `must be a ${i.expected}`;
    case 'too_small':
      if (text && Number(i.minimum) === 1) return 'required';
      if (text) return `must be at least ${counted(i.minimum, 'character')}`;
      if (i.origin === 'array') return `give at least ${i.minimum}`;
      return i.inclusive === false ? `must be more than ${i.minimum}` : `must be at least ${i.minimum}`;
    case 'too_big':
      if (text) return `must be at most ${counted(i.maximum, 'character')}`;
      if (i.origin === 'array') return `give at most ${i.maximum}`;
      return i.inclusive === false ? `must be less than ${i.maximum}` : `must be at most ${i.maximum}`;
    case 'invalid_format':
      return i.format === 'url' ? 'must be a web address (https://…)' : i.format === 'email' ? 'must be an e-mail address' : `must be a valid ${i.format}`;
    case 'invalid_value':
      return `must be one of ${(i.values ?? []).map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field ${(i.keys ?? []).join(', ')}`;
    default:
      return undefined;
  }
}

/** "Warning %: must be between 1 and 100; Name: required": each wrong field once, by its label. */
export function describeIssues(issues: readonly Issue[], labels?: FieldLabels): string {
  const said = new Map<string, string>();
  for (const i of issues) {
    const field = ['form', '(root)', ''].includes(i.path) ? '' : fieldLabel(i.path, labels);
    if (!said.has(field)) said.set(field, field ? `${field}: ${i.message}` : i.message);
  }
  return [...said.values()].join('; ');
}

/**
 * A form's values through `schema`; a refusal is an AppError whose message
 * names each wrong field by its label, in plain words, and changes nothing.
 */
export function parseForm<S extends z.ZodType>(schema: S, input: unknown, labels: FieldLabels): z.output<S> {
  const parsed = schema.safeParse(input, { error: plainIssue });
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || 'form', message: i.message }));
  throw new AppError('bad_request', describeIssues(issues, labels), issues);
}

/**
 * Runs a server action body, turning validation and typed errors into form
 * state. An error with field issues says each field by its label (`labels`,
 * else its name in words).
 */
export async function formAction(fn: () => Promise<string | void>, labels?: FieldLabels): Promise<FormState> {
  try {
    return { ok: true, message: (await fn()) ?? undefined };
  } catch (thrown) {
    const err = fromRefusedValue(thrown) ?? thrown;
    if (err instanceof AppError) {
      const issues = err.issues?.length ? err.issues : null;
      return {
        ok: false,
        message: issues ? describeIssues(issues, labels) : err.message,
        fieldErrors: issues ? Object.fromEntries(issues.map((i) => [i.path, i.message])) : undefined,
      };
    }
    console.error('headroom: form action failed', err);
    return { ok: false, message: 'something went wrong; the server log has the details' };
  }
}
