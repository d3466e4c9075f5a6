import 'server-only';
import type { Db } from '../server/db/client';
import { AppError } from '../server/errors';
import { verifyPassword } from './passwords';
import { userName } from './roles';
import { createSession } from './sessions';

const WINDOW_MS = 15 * 60_000;
export const MAX_PER_ACCOUNT = 5;
export const MAX_PER_ADDRESS = 20;

/**
 * Signs in, refusing once an account or an address has failed too often in
 * the last 15 minutes (counted in the database, so across replicas). Each
 * attempt is written as a failure before the password is checked, and the
 * counts include attempts still in flight: a burst of parallel guesses can no
 * longer all read a count of 0 while the slow hash runs.
 */
export async function login(db: Db, name: string, plain: string, meta: { address: string; userAgent: string | null }, now = new Date()) {
  const since = new Date(now.getTime() - WINDOW_MS);
  // A name no user can have (not a user name's shape: too long, or a NUL,
  // which Postgres text cannot even hold) is still an attempt, counted under
  // one placeholder, and matches nobody.
  const typed = name.trim();
  const possible = userName.safeParse(typed).success;
  const account = possible ? typed.toLowerCase() : '(not a user name)';
  const attempt = await db.loginFailure.create({ data: { account, address: meta.address, at: now } });
  const [byAccount, byAddress] = await Promise.all([
    db.loginFailure.count({ where: { account, at: { gt: since } } }),
    db.loginFailure.count({ where: { address: meta.address, at: { gt: since } } }),
  ]);
  // Counts include this attempt. A refused one is not a guess: it does not extend the wait.
  if (byAccount > MAX_PER_ACCOUNT || byAddress > MAX_PER_ADDRESS) {
    await db.loginFailure.deleteMany({ where: { id: attempt.id } });
    throw new AppError('too_many_requests', 'too many failed sign-ins: wait 15 minutes');
  }
  const user = possible ? await db.user.findFirst({ where: { name: { equals: typed, mode: 'insensitive' } } }) : null;
  const ok = await verifyPassword(user && !user.disabledAt ? user.passwordHash : null, plain);
  if (!user || !ok) throw new AppError('unauthorized', 'wrong name or password');
  await db.loginFailure.deleteMany({ where: { account } });
  return { user, session: await createSession(db, user.id, meta, now) };
}
