import 'server-only';
import { z } from 'zod';
import { byId, command } from '../server/command';
import { agentLabelPolicy, describePolicy } from './agent-labels';
import { forgetTokens } from './authenticate';
import { insertToken, newTokenInput } from './create-token';
import { revokeTokenRow } from './revoke-token';
import { password, role, userName } from './roles';
import { createSession, endAllSessions, endSessionById } from './sessions';
import { signedIn } from './signed-in';
import { writeTokenAgentLabels } from './token-agent-labels';
import { hostLimit, writeTokenHostLimit } from './token-host-limit';
import { userCommands } from './user-commands';
import { assertSetupOpen, disableUser, hashNewUser, insertUser, newUserInput, setUserRole } from './users';

/** A token named by its id, exact name or display prefix (forms send the id; the CLI any of them). */
const tokenRef = z.string({ error: 'required' }).trim().min(1, 'required');

/** Accounts, sessions and API tokens. */
export const accessCommands = {
  'token.create': command({
    schema: newTokenInput,
    // The secret is in the answer once and nowhere else: neither the row (a hash) nor the audit row.
    run: ({ tx, actor }, input) => insertToken(tx, input, actor.kind === 'user' ? actor.id : null),
    audit: (t) => ({ target: `token:${t.id}`, detail: { name: t.name, scope: t.scope, hostName: t.hostName, maxHosts: t.maxHosts, agentLabels: describePolicy(t.agentLabels), expiresAt: t.expiresAt } }),
  }),
  'token.revoke': command({
    schema: z.strictObject({ token: tokenRef }),
    run: async ({ tx, db, afterCommit }, { token }) => {
      afterCommit(() => forgetTokens(db));
      return revokeTokenRow(tx, token);
    },
    audit: (t) => ({ target: `token:${t.id}`, detail: { name: t.name } }),
  }),
  'token.limit': command({
    schema: z.strictObject({ token: tokenRef, maxHosts: hostLimit }),
    run: async ({ tx, db, afterCommit }, { token, maxHosts }) => {
      afterCommit(() => forgetTokens(db));
      return writeTokenHostLimit(tx, token, maxHosts);
    },
    audit: (t) => ({ target: `token:${t.id}`, detail: { name: t.name, maxHosts: t.maxHosts } }),
  }),
  'token.labels': command({
    schema: z.strictObject({ token: tokenRef, agentLabels: agentLabelPolicy }),
    run: async ({ tx, db, afterCommit }, { token, agentLabels }) => {
      afterCommit(() => forgetTokens(db));
      return writeTokenAgentLabels(tx, token, agentLabels);
    },
    audit: (t) => ({ target: `token:${t.id}`, detail: { name: t.name, agentLabels: describePolicy(t.agentLabels) } }),
  }),
  'user.create': command({
    schema: newUserInput,
    prepare: hashNewUser,
    run: ({ tx }, u) => insertUser(tx, u),
    audit: (u) => ({ target: `user:${u.name}`, detail: { role: u.role } }),
  }),
  'user.role': command({
    schema: z.strictObject({ id: z.string(), role }),
    run: ({ tx }, { id, role: to }) => setUserRole(tx, id, to),
    audit: (c) => ({ target: `user:${c.name}`, detail: { from: c.from, to: c.to } }),
  }),
  'user.disable': command({
    schema: byId,
    // Their tokens stop with them (lib/access/authenticate.ts): at once here, within TOKEN_CACHE_MS elsewhere.
    run: ({ tx, db, afterCommit }, { id }) => {
      afterCommit(() => forgetTokens(db));
      return disableUser(tx, id);
    },
    audit: (u) => ({ target: `user:${u.name}` }),
  }),
  // First run: the first admin, signed in at once. Refused as soon as any user exists.
  'user.setup': command({
    schema: z.object({ name: userName, password, address: z.string().nullable(), userAgent: z.string().nullable() }),
    prepare: async ({ name, password: plain, ...meta }, { db }) => {
      await assertSetupOpen(db); // before hashing: a finished setup costs no hash
      return { user: await hashNewUser({ name, role: 'admin', password: plain }), meta };
    },
    run: async ({ tx }, { user: u, meta }) => {
      const user = await insertUser(tx, u, { firstOnly: true });
      return { user, session: await createSession(tx, user.id, meta) };
    },
    audit: ({ user }) => ({ action: 'user.create', target: `user:${user.name}`, detail: { role: user.role } }),
  }),
  'session.end': command({
    schema: z.strictObject({}),
    run: async ({ tx, actor }) => {
      const user = signedIn(actor);
      await endSessionById(tx, user.sessionId);
      return user;
    },
    audit: (u) => ({ target: `user:${u.name}` }),
  }),
  'session.endAll': command({
    schema: z.strictObject({}),
    run: async ({ tx, actor }) => {
      const user = signedIn(actor);
      const { count } = await endAllSessions(tx, user.id);
      return { ...user, count };
    },
    audit: (u) => ({ target: `user:${u.name}`, detail: { sessions: u.count } }),
  }),
  ...userCommands,
};
