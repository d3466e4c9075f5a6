import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { fieldProblems } from '../server/errors';
import { closest } from './suggest';

/** A mistake in how a command was typed: the CLI prints it and exits 2, having changed nothing. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

const flagList = (options: Options) => {
  const flags = Object.keys(options).map((f) => `--${f}`);
  return flags.length ? `the flags are ${flags.join(', ')}` : 'this command takes no flags';
};

/**
 * `argv` parsed strictly by node:util parseArgs, with at most `positionals`
 * plain arguments. An unknown flag (with the known one it most resembles), a
 * flag without its value or an extra argument is a UsageError naming it.
 */
export function parseFlags<O extends Options>(argv: string[], options: O, positionals = 0) {
  // parseArgs names a bad flag only in prose: its tokens say which, and what is wrong with it.
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const option = options[t.name];
    if (!option) {
      const near = closest(t.name, Object.keys(options));
      throw new UsageError(`unknown flag ${t.rawName}; ${near ? `did you mean --${near}?` : flagList(options)}`);
    }
    const tookNextFlag = t.value?.startsWith('-') && !t.inlineValue;
    if (option.type === 'string' && (t.value === undefined || tookNextFlag)) throw new UsageError(`${t.rawName} needs a value`);
    if (option.type === 'boolean' && t.value !== undefined) throw new UsageError(`${t.rawName} takes no value`);
  }
  const parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  const extra = parsed.positionals[positionals];
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  return parsed;
}

/** The UsageError for a command (or a verb of one) `typed` that is none of `known`, suggesting the likeliest. */
export function unknownCommand(what: string, typed: string | undefined, known: readonly string[], usage: string): UsageError {
  if (typed === undefined) return new UsageError(usage);
  const near = closest(typed, known);
  return new UsageError(`unknown ${what} "${typed}"${near ? `; did you mean ${near}?` : ''}\n${usage}`);
}

/**
 * Input checked with the service's own schema before any database is opened,
 * each wrong field named as it was typed (`names`: schema field to flag).
 */
export function checkInput<S extends z.ZodType>(schema: S, input: unknown, names: Record<string, string> = {}): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new UsageError(fieldProblems(r.error.issues, names).join('; '));
  return r.data;
}
