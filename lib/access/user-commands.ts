import 'server-only';
import { z } from 'zod';
import { command } from '../server/command';
import { clearFailures } from './login';
import { userByRef, userRef } from './user-ref';

/** What an admin (or the operator at the shell) does to another account. */
export const userCommands = {
  'user.unlock': command({
    schema: z.strictObject({ user: userRef }),
    run: async ({ tx }, { user: ref }) => {
      const user = await userByRef(tx, ref);
      const { count } = await clearFailures(tx, user.name);
      return { name: user.name, cleared: count };
    },
    audit: (u) => ({ target: `user:${u.name}`, detail: { cleared: u.cleared } }),
  }),
};
