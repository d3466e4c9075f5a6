import 'server-only';
import { createHash } from 'node:crypto';
import { inTransaction, type Db } from '../../server/db/client';
import { audit } from '../../server/audit';
import { AppError } from '../../server/errors';
import type { Role } from '../roles';
import { lockUsers } from '../users';
import { nameBeside, nameFromClaims } from './claims';

// Signing in is no command (lib/access/login.ts), but what it changes of the users is audited as one.
const SSO_ACTOR = 'system:sso';

/**
 * The account of an OpenID Connect subject: found by its issuer and `sub`
 * (never by name, which another provider account could take), made on its
 * first sign-in, its role set from the claims at every sign-in: the
 * provider's groups are the word on it.
 */
export async function ssoAccount(db: Db, subject: string, claims: Record<string, unknown>, role: Role) {
  return inTransaction(db, async (tx) => {
    await lockUsers(tx);
    const found = await tx.user.findUnique({ where: { oidcSubject: subject } });
    if (found?.disabledAt) throw new AppError('forbidden', 'this account is disabled here: ask an admin');
    if (found?.role === role) return found;
    if (found) {
      await audit(tx, SSO_ACTOR, 'user.role', `user:${found.name}`, { from: found.role, to: role });
      return tx.user.update({ where: { id: found.id }, data: { role } });
    }
    const taken = (n: string) => tx.user.findFirst({ where: { name: { equals: n, mode: 'insensitive' } }, select: { id: true } });
    let name = nameFromClaims(claims);
    // A local account's name is never taken over: the newcomer gets one beside it.
    if (await taken(name)) name = nameBeside(name, createHash('sha256').update(subject).digest('hex'));
    if (await taken(name)) throw new AppError('forbidden', `the name ${name} is taken: ask an admin`);
    await audit(tx, SSO_ACTOR, 'user.create', `user:${name}`, { role, subject });
    return tx.user.create({ data: { name, role, passwordHash: null, oidcSubject: subject } });
  });
}

/** The first admin: the oldest admin account, kept able to sign in with a password when sign-in is through the provider only. */
export async function isFirstAdmin(db: Db, userId: string): Promise<boolean> {
  const first = await db.user.findFirst({ where: { role: 'admin', oidcSubject: null }, orderBy: { createdAt: 'asc' }, select: { id: true } });
  return first?.id === userId;
}
