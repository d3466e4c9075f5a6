import 'server-only';
import { z } from 'zod';
import { audit } from '../audit';
import { hashPassword } from '../auth/passwords';
import { password, role, userName } from '../auth/roles';
import { endAllSessions } from '../auth/sessions';
import type { Db } from '../db/client';
import { AppError, assertId, zodIssues } from '../errors';

export const newUserInput = z.object({ name: userName, role, password });

export async function createUser(db: Db, input: unknown, actor: string) {
  const parsed = newUserInput.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'check the fields', zodIssues(parsed.error.issues));
  const { name, role: r, password: plain } = parsed.data;
  if (await db.user.findFirst({ where: { name: { equals: name, mode: 'insensitive' } } })) throw new AppError('bad_request', `a user named ${name} exists`, [{ path: 'name', message: 'taken' }]);
  const user = await db.user.create({ data: { name, role: r, passwordHash: await hashPassword(plain) }, select: { id: true, name: true, role: true } });
  await audit(db, actor, 'user.create', `user:${name}`, { role: r });
  return user;
}

export const listUsers = (db: Db) => db.user.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, role: true, createdAt: true, disabledAt: true } });

export async function setUserRole(db: Db, id: string, newRole: unknown, actor: string) {
  assertId(id, 'user');
  const r = role.parse(newRole);
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw new AppError('not_found', 'no such user');
  if (user.role === 'admin' && r !== 'admin' && (await db.user.count({ where: { role: 'admin', disabledAt: null } })) <= 1) {
    throw new AppError('bad_request', 'the last admin cannot be demoted');
  }
  await db.user.update({ where: { id }, data: { role: r } });
  await audit(db, actor, 'user.role', `user:${user.name}`, { from: user.role, to: r });
}

export async function disableUser(db: Db, id: string, actor: string) {
  assertId(id, 'user');
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw new AppError('not_found', 'no such user');
  if (user.role === 'admin' && (await db.user.count({ where: { role: 'admin', disabledAt: null } })) <= 1) throw new AppError('bad_request', 'the last admin cannot be disabled');
  await db.user.update({ where: { id }, data: { disabledAt: new Date() } });
  await endAllSessions(db, id);
  await audit(db, actor, 'user.disable', `user:${user.name}`);
}
