import 'server-only';
import { audit } from '../server/audit';
import { actorRef, type Actor } from '../server/actor';
import { db as processDb, type Db } from '../server/db/client';
import { AppError } from '../server/errors';
import { parseForm } from '../forms';
import { permit } from './permissions';
import { commandOf, type CommandName, type CommandOutput } from './registry';

export interface CommandDeps { db?: Db }

/** Input a command's schema refused; the API answers it as an invalid body, a form names each field. */
export class InvalidInput extends AppError {}

/**
 * Runs a command for `actor`: refused (403) unless the permission table allows
 * it, before the input is even read; then the input parsed once with the
 * command's schema; then the change and its audit row in one transaction.
 * `input` may be a function, for input that costs something to read (a body).
 */
export async function runCommand<N extends CommandName>(name: N, actor: Actor, input: unknown, deps: CommandDeps = {}): Promise<CommandOutput<N>> {
  permit(name, actor);
  const c = commandOf(name);
  const raw: unknown = typeof input === 'function' ? await (input as () => unknown)() : input;
  let parsed: unknown;
  try {
    parsed = parseForm(c.schema, raw, {});
  } catch (err) {
    if (err instanceof AppError) throw new InvalidInput(err.code, err.message, err.issues);
    throw err;
  }
  const db = deps.db ?? processDb();
  if (c.prepare) parsed = await c.prepare(parsed, { db, actor });
  const by = actorRef(actor);
  const after: (() => void)[] = [];
  const out = await db.$transaction(async (tx) => {
    const result = await c.run({ tx, db, actor, by, afterCommit: (fn) => { after.push(fn); } }, parsed);
    const entry = c.audit(result, parsed);
    await audit(tx, by, entry.action ?? name, entry.target, entry.detail ?? null);
    return result;
  });
  for (const fn of after) fn();
  return out;
}
