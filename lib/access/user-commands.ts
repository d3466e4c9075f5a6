import 'server-only';
import { z } from 'zod';
import { command } from '../server/command';
import { forgetTokens } from './authenticate';
import { clearFailures } from './login';
import { hashPassword } from './passwords';
import { checkAndHash, ownPasswordInput, resetPasswordInput, writeOwnPassword, writeResetPassword } from './passwords-change';
import { signedIn } from './signed-in';
import { userByRef, userRef } from './user-ref';
import { enableUser } from './users';

const oneUser = z.strictObject({ user: userRef });

/** What a user does to their own account, and an admin (or the operator at the shell) to another's. Passwords never reach the audit row. */
export const userCommands = {
  'user.unlock': command({
    schema: oneUser,
    run: async ({ tx }, { user: ref }) => {
      const user = await userByRef(tx, ref);
      const { count } = await clearFailures(tx, user.name);
      return { name: user.name, cleared: count };
    },
    audit: (u) => ({ target: `user:${u.name}`, detail: { cleared: u.cleared } }),
  }),
  'user.enable': command({
    schema: oneUser,
    run: async ({ tx, db, afterCommit }, { user }) => {
      afterCommit(() => forgetTokens(db));
      return enableUser(tx, user);
    },
    audit: (u) => ({ target: `user:${u.name}` }),
  }),
  'user.password': command({
    schema: ownPasswordInput,
    prepare: async ({ current, password }, { db, actor }) => ({ passwordHash: await checkAndHash(db, signedIn(actor), current, password) }),
    run: async ({ tx, actor }, { passwordHash }) => {
      const me = signedIn(actor);
      return { name: me.name, sessions: await writeOwnPassword(tx, me.id, me.sessionId, passwordHash) };
    },
    audit: (u) => ({ target: `user:${u.name}`, detail: { otherSessionsEnded: u.sessions } }),
  }),
  'user.resetPassword': command({
    schema: resetPasswordInput,
    prepare: async ({ user, password }) => ({ user, passwordHash: await hashPassword(password) }),
    run: ({ tx }, { user, passwordHash }) => writeResetPassword(tx, user, passwordHash),
    audit: (u) => ({ target: `user:${u.name}`, detail: { sessionsEnded: u.sessions } }),
  }),
};
