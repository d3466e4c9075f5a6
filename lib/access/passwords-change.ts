import 'server-only';
import { z } from 'zod';
import type { Db, Tx } from '../server/db/client';
import { AppError } from '../server/errors';
import { forgetDevices } from './devices';
import { hashPassword, verifyPassword } from './passwords';
import { password } from './roles';
import { userByRef, userRef } from './user-ref';

export const ownPasswordInput = z.strictObject({ current: z.string({ error: 'required' }).min(1, 'required').max(256), password });
export const resetPasswordInput = z.strictObject({ user: userRef, password });

/** The new hash, once the current password checks out (both slow: before any transaction). */
export async function checkAndHash(db: Db, userId: string, current: string, next: string): Promise<string> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user?.passwordHash ?? null, current))) throw new AppError('bad_request', 'the current password is wrong', [{ path: 'current', message: 'wrong' }]);
  return hashPassword(next);
}

/** The signed-in user's new password: their other sessions end, this one stays. */
export async function writeOwnPassword(tx: Tx, userId: string, sessionId: string, passwordHash: string): Promise<number> {
  await tx.user.update({ where: { id: userId }, data: { passwordHash } });
  return (await tx.session.deleteMany({ where: { userId, id: { not: sessionId } } })).count;
}

/** An admin's reset: every session of the user ends and their browsers are strangers again. */
export async function writeResetPassword(tx: Tx, ref: string, passwordHash: string): Promise<{ name: string; sessions: number }> {
  const user = await userByRef(tx, ref);
  await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
  await forgetDevices(tx, user.id);
  return { name: user.name, sessions: (await tx.session.deleteMany({ where: { userId: user.id } })).count };
}
