import 'server-only';
import { z } from 'zod';
import { hashPassword } from './passwords';
import { password, role, userName, type Role } from './roles';
import { FAILURE_WINDOW_MS } from './throttle';
import { inTransaction, type Db, type Tx } from '../server/db/client';
import { AppError, assertId, invalidInput } from '../server/errors';
import { userByRef } from './user-ref';

export const newUserInput = z.object({ name: userName, role, password });

// User changes run one at a time. Their checks read, then write ("no user
// yet", "the last admin", a name taken in another case): two at once both
// passed, so two first-run setups made two admins, and two admins demoting
// each other left none. The lock lasts until the transaction commits.
const USERS_LOCK = 0x48555352; // "HUSR"
export const lockUsers = (tx: Tx) => tx.$queryRawUnsafe('SELECT 1 AS held FROM pg_advisory_xact_lock($1)', USERS_LOCK);

const activeAdmins = (tx: Tx) => tx.user.count({ where: { role: 'admin', disabledAt: null } });

export interface NewUser { name: string; role: Role; passwordHash: string }

/** A new user as stored: its password hashed (tens of milliseconds, so before any transaction opens). */
export async function hashNewUser(u: z.output<typeof newUserInput>): Promise<NewUser> {
  return { name: u.name, role: u.role, passwordHash: await hashPassword(u.password) };
}

/** Whether first-run setup is over: some user exists. */
export const setupIsDone = async (db: Db | Tx): Promise<boolean> => (await db.user.count()) > 0;
const setupDone = () => new AppError('forbidden', 'setup is done: sign in instead');
/** Refuses first-run setup once it is over. */
export async function assertSetupOpen(db: Db | Tx): Promise<void> {
  if (await setupIsDone(db)) throw setupDone();
}

/** Inserts a user; with `firstOnly` (first-run setup), refused once any user exists. */
export async function insertUser(db: Db | Tx, u: NewUser, { firstOnly = false } = {}) {
  return inTransaction(db, async (tx) => {
    await lockUsers(tx);
    if (firstOnly && (await setupIsDone(tx))) throw setupDone();
    if (await tx.user.findFirst({ where: { name: { equals: u.name, mode: 'insensitive' } } })) throw new AppError('bad_request', `a user named ${u.name} exists`, [{ path: 'name', message: 'taken' }]);
    return tx.user.create({ data: u, select: { id: true, name: true, role: true } });
  });
}

/** A new user checked, hashed and inserted, outside a command (tests, scripts): not audited. */
export async function createUser(db: Db, input: unknown, { firstOnly = false } = {}) {
  const parsed = newUserInput.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  if (firstOnly) await assertSetupOpen(db); // before hashing: a finished setup costs no hash
  return insertUser(db, await hashNewUser(parsed.data), { firstOnly });
}

/**
 * Every user, by name; `lastSignInAt` is their newest session's start (sign-out and expiry delete sessions, so null means
 * none held); `failedSignIns` the failures that may be slowing sign-ins to their account (an admin's unlock clears them).
 */
export async function listUsers(db: Db, now = new Date()) {
  const [rows, failures] = await Promise.all([
    db.user.findMany({
      orderBy: { name: 'asc' },
      select: { id: true, name: true, role: true, createdAt: true, disabledAt: true, oidcSubject: true, sessions: { select: { createdAt: true }, orderBy: { createdAt: 'desc' }, take: 1 } },
    }),
    db.loginFailure.groupBy({ by: ['account'], _count: { _all: true }, where: { at: { gt: new Date(now.getTime() - FAILURE_WINDOW_MS) } } }),
  ]);
  const failed = new Map(failures.map((f) => [f.account, f._count._all]));
  return rows.map(({ sessions, oidcSubject, ...u }) => ({ ...u, sso: oidcSubject !== null, lastSignInAt: sessions[0]?.createdAt ?? null, failedSignIns: failed.get(u.name.toLowerCase()) ?? 0 }));
}

/** A user's new role; the last active admin keeps theirs. */
export async function setUserRole(db: Db | Tx, id: string, to: Role): Promise<{ name: string; from: string; to: Role }> {
  assertId(id, 'user');
  return inTransaction(db, async (tx) => {
    await lockUsers(tx);
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw new AppError('not_found', 'no such user');
    if (user.role === 'admin' && user.disabledAt === null && to !== 'admin' && (await activeAdmins(tx)) <= 1) {
      throw new AppError('bad_request', 'the last admin cannot be demoted');
    }
    await tx.user.update({ where: { id }, data: { role: to } });
    return { name: user.name, from: user.role, to };
  });
}

/** Disables a user and ends their sessions; the last active admin stays. */
export async function disableUser(db: Db | Tx, id: string): Promise<{ name: string }> {
  assertId(id, 'user');
  return inTransaction(db, async (tx) => {
    await lockUsers(tx);
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw new AppError('not_found', 'no such user');
    if (user.role === 'admin' && user.disabledAt === null && (await activeAdmins(tx)) <= 1) throw new AppError('bad_request', 'the last admin cannot be disabled');
    await tx.user.update({ where: { id }, data: { disabledAt: new Date() } });
    await tx.session.deleteMany({ where: { userId: id } });
    return { name: user.name };
  });
}

/** Lets a disabled user sign in again (their tokens work again too: lib/access/authenticate.ts). */
export async function enableUser(db: Tx, ref: string): Promise<{ name: string }> {
  const user = await userByRef(db, ref);
  if (!user.disabledAt) throw new AppError('bad_request', `${user.name} is not disabled`);
  await db.user.update({ where: { id: user.id }, data: { disabledAt: null } });
  return { name: user.name };
}
