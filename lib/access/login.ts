import 'server-only';
import type { Db } from '../server/db/client';
import { AppError } from '../server/errors';
import { knownDevice, rememberDevice } from './devices';
import { isFirstAdmin } from './oidc/account';
import { oidcSettings, type OidcSettings } from './oidc/flow';
import { verifyPassword } from './passwords';
import { userName } from './roles';
import { createSession } from './sessions';
import { FAILURE_WINDOW_MS, waitFor, type KeyCount, type ThrottleKey } from './throttle';

export interface LoginMeta { address: string; userAgent: string | null; device?: string }

const inWords = (ms: number) => (ms < 90_000 ? `${Math.ceil(ms / 1000)} s` : `${Math.ceil(ms / 60_000)} min`);

/**
 * Signs in, slowing down the keys that failed too often (lib/access/throttle.ts).
 * A known browser of the account counts only its own failures; any other
 * attempt counts those of its address on the account, of the account from
 * unknown browsers, and of its address. Each attempt is written as a failure
 * before the password is checked and the counts include attempts in flight,
 * so a burst of parallel guesses cannot all read a count of 0 while the slow
 * hash runs. Counted in the database, so across replicas.
 */
export async function login(db: Db, name: string, plain: string, meta: LoginMeta, now = new Date(), sso: Pick<OidcSettings, 'name' | 'only'> | null = oidcSettings()) {
  // A name no user can have (not a user name's shape: too long, or a NUL,
  // which Postgres text cannot even hold) is still an attempt, counted under
  // one placeholder, and matches nobody.
  const typed = name.trim();
  const possible = userName.safeParse(typed).success;
  const account = possible ? typed.toLowerCase() : '(not a user name)';
  const device = await knownDevice(db, meta.device, possible ? typed : null);
  const keys: [ThrottleKey, object][] = device
    ? [['device', { device }]]
    : [['pair', { account, address: meta.address, device: null }], ['account', { account, device: null }], ['address', { address: meta.address, device: null }]];
  const wait = await attemptWait(db, { account, address: meta.address, device }, keys, now);
  if (wait > 0) throw new AppError('too_many_requests', `too many failed sign-ins: try again in ${inWords(wait)}`, undefined, Math.ceil(wait / 1000));
  const user = possible ? await db.user.findFirst({ where: { name: { equals: typed, mode: 'insensitive' } } }) : null;
  // Only through the provider: a password opens the first admin's account alone, for when the provider is down.
  if (sso?.only && !(user && (await isFirstAdmin(db, user.id)))) throw new AppError('forbidden', `sign in with ${sso.name}: passwords here are only for the first admin`);
  const ok = await verifyPassword(user && !user.disabledAt ? user.passwordHash : null, plain);
  if (!user || !ok) throw new AppError('unauthorized', 'wrong name or password');
  // Only this browser's and this address's failures go: a real user signing in does not refill an attacker's budget elsewhere.
  await db.loginFailure.deleteMany({ where: device ? { device } : { account, address: meta.address, device: null } });
  return { user, session: await createSession(db, user.id, meta, now), device: await rememberDevice(db, user.id, meta.device, now) };
}

/**
 * Writes an attempt as a failure, then the wait its keys ask (0: it may go
 * on), counting the other attempts of the window, those in flight too. A
 * refused attempt is taken back: it is not a guess and does not lengthen the
 * wait. One that goes on stays a failure until its caller clears it.
 */
export async function attemptWait(db: Db, attempt: { account: string; address: string; device: string | null }, keys: [ThrottleKey, object][], now: Date): Promise<number> {
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const { id } = await db.loginFailure.create({ data: { ...attempt, at: now } });
  const counts = await Promise.all(keys.map(async ([key, where]): Promise<KeyCount> => {
    const r = await db.loginFailure.aggregate({ where: { ...where, at: { gt: since }, id: { not: id } }, _count: { _all: true }, _max: { at: true } });
    return { key, failures: r._count._all, latest: r._max.at };
  }));
  const wait = waitFor(counts, now);
  if (wait > 0) await db.loginFailure.deleteMany({ where: { id } });
  return wait;
}

/** Clears an account's failed sign-ins (an admin's unlock): every browser and address may try again at once. */
export const clearFailures = (db: Pick<Db, 'loginFailure'>, name: string) => db.loginFailure.deleteMany({ where: { account: name.toLowerCase() } });
