import type { Role, TokenScope } from '../access';

/**
 * Who runs a command: a signed-in user, an API token, or the machine itself
 * (`cli`: the operator at the server's shell; `setup`: the first-run page,
 * before any user exists).
 */
export type Actor =
  | { kind: 'user'; id: string; name: string; role: Role; sessionId?: string }
  | { kind: 'token'; id: string; name: string; scope: TokenScope; hostName: string | null }
  | { kind: 'system'; name: 'cli' | 'setup' };

/** The one way an actor is written, in audit rows and in the rows it leaves: "user:alice", "token:ci", "system:cli". */
export const actorRef = (a: Actor): string => `${a.kind}:${a.name}`;
