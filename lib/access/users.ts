import 'server-only';
import { z } from 'zod';
import { audit } from '../server/audit';
import { hashPassword } from './passwords';
import { password, role, userName } from './roles';
import { endAllSessions } from './sessions';
import type { Db } from '../server/db/client';
import { AppError, assertId, invalidInput } from '../server/errors';

export const newUserInput = z.object({ name: userName, role, password });

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

// User changes run one at a time. Their checks read, then write ("no user
// yet", "the last admin", a name taken in another case): two at once both
// passed, so two first-run setups made two admins, and two admins demoting
// each other left none.
const USERS_LOCK = 0x48555352; // "HUSR"
function oneAtATime<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$queryRawUnsafe('SELECT 1 AS held FROM pg_advisory_xact_lock($1)', USERS_LOCK);
    return fn(tx);
  });
}

const activeAdmins = (tx: Tx) => tx.user.count({ where: { role: 'admin', disabledAt: null } });

/** A new user; with `firstOnly` (first-run setup), refused once any user exists. */
export async function createUser(db: Db, input: unknown, actor: string, { firstOnly = false } = {}) {
  const parsed = newUserInput.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const { name, role: r, password: plain } = parsed.data;
  const setupDone = async (q: Pick<Tx, 'user'>) => firstOnly && (await q.user.count()) > 0;
  const done = new AppError('forbidden', 'setup is done: sign in instead');
  if (await setupDone(db)) throw done; // before hashing: a finished setup costs no hash
  const passwordHash = await hashPassword(plain); // outside the lock: it takes tens of milliseconds
  return oneAtATime(db, async (tx) => {
    if (await setupDone(tx)) throw done;
    if (await tx.user.findFirst({ where: { name: { equals: name, mode: 'insensitive' } } })) throw new AppError('bad_request', `a user named ${name} exists`, [{ path: 'name', message: 'taken' }]);
    const user = await tx.user.create({ data: { name, role: r, passwordHash }, select: { id: true, name: true, role: true } });
    await audit(tx, actor, 'user.create', `user:${name}`, { role: r });
    return user;
  });
}

/** Every user, by name; `lastSignInAt` is their newest session's start (sign-out and expiry delete sessions, so null means none held). */
export async function listUsers(db: Db) {
  const rows = await db.user.findMany({
    orderBy: { name: 'asc' },
    select: { id: true, name: true, role: true, createdAt: true, disabledAt: true, sessions: { select: { createdAt: true }, orderBy: { createdAt: 'desc' }, take: 1 } },
  });
  return rows.map(({ sessions, ...u }) => ({ ...u, lastSignInAt: sessions[0]?.createdAt ?? null }));
}

export async function setUserRole(db: Db, id: string, newRole: unknown, actor: string) {
  assertId(id, 'user');
  const r = role.parse(newRole);
  await oneAtATime(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw new AppError('not_found', 'no such user');
    if (user.role === 'admin' && user.disabledAt === null && r !== 'admin' && (await activeAdmins(tx)) <= 1) {
      throw new AppError('bad_request', 'the last admin cannot be demoted');
    }
    await tx.user.update({ where: { id }, data: { role: r } });
    await audit(tx, actor, 'user.role', `user:${user.name}`, { from: user.role, to: r });
  });
}

export async function disableUser(db: Db, id: string, actor: string) {
  assertId(id, 'user');
  await oneAtATime(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw new AppError('not_found', 'no such user');
    if (user.role === 'admin' && user.disabledAt === null && (await activeAdmins(tx)) <= 1) throw new AppError('bad_request', 'the last admin cannot be disabled');
    await tx.user.update({ where: { id }, data: { disabledAt: new Date() } });
    await audit(tx, actor, 'user.disable', `user:${user.name}`);
  });
  await endAllSessions(db, id);
}
