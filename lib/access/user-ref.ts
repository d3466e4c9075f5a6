import 'server-only';
import { z } from 'zod';
import type { Tx } from '../server/db/client';
import { AppError, isId } from '../server/errors';

/** A user named by id (forms send it) or by name, in any case (the CLI). */
export const userRef = z.string({ error: 'required' }).trim().min(1, 'required');

export async function userByRef(db: Tx, ref: string) {
  const user = await db.user.findFirst({ where: isId(ref) ? { id: ref } : { name: { equals: ref, mode: 'insensitive' } } });
  if (!user) throw new AppError('not_found', `no user ${isId(ref) ? 'with that id' : `named ${ref}`}`);
  return user;
}
