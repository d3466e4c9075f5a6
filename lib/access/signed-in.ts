import type { Actor } from '../server/actor';
import { AppError } from '../server/errors';

/** The signed-in user a session command is about (the permission table lets only users run them). */
export function signedIn(actor: Actor): Extract<Actor, { kind: 'user' }> & { sessionId: string } {
  if (actor.kind !== 'user' || !actor.sessionId) throw new AppError('forbidden', 'only a signed-in user has a session');
  return { ...actor, sessionId: actor.sessionId };
}
