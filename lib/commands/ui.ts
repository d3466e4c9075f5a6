import 'server-only';
import { currentUser, markWrote } from '../access';
import { formAction, type FieldLabels, type FormState } from '../forms';
import { AppError } from '../server/errors';
import { userActor } from './actor';
import type { CommandName, CommandOutput } from './registry';
import { runCommand } from './run';

// Loaded on use: the CLI imports this module's entry outside any request.
const nextCache = () => import('next/cache');

export interface UiOptions<O> {
  /** The form's field labels, for errors that name a field. */
  labels?: FieldLabels;
  /** The page whose data the change alters. */
  revalidate?: string;
  /** The form's message once done; a function also sees what the command returned. */
  done?: string | ((out: O) => string | undefined);
}

/** The signed-in user, as the actor of a command. */
export async function sessionActor() {
  const user = await currentUser();
  if (!user) throw new AppError('unauthorized', 'sign in first');
  return userActor(user);
}

/**
 * A server action's one call: the command run for the signed-in user, with
 * `input` (the form mapped to the command's input; a function, so it is read
 * only once the table allows the user), its result as the form's state.
 */
export async function uiCommand<N extends CommandName>(name: N, input: unknown, o: UiOptions<CommandOutput<N>> = {}): Promise<FormState> {
  return formAction(async () => {
    const out = await runCommand(name, await sessionActor(), input);
    await markWrote();
    if (o.revalidate) (await nextCache()).revalidatePath(o.revalidate);
    return typeof o.done === 'function' ? o.done(out) : o.done;
  }, o.labels);
}
