import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Tx } from '../server/db/client';
import type { Role } from './roles';

export const SESSION_COOKIE = 'headroom_session';
export const SESSION_DAYS = 7;

const idOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

export interface SessionUser { id: string; name: string; role: Role; sessionId: string }

export async function createSession(db: Tx, userId: string, meta: { address: string | null; userAgent: string | null }, now = new Date()) {
  const secret = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86400_000);
  await db.session.create({ data: { id: idOf(secret), userId, expiresAt, address: meta.address, userAgent: meta.userAgent?.slice(0, 300) ?? null } });
  return { secret, expiresAt };
}

/** The signed-in user of a cookie's secret, or null (unknown, expired, or the user is disabled). */
export async function readSession(db: Db, secret: string | undefined, now = new Date()): Promise<SessionUser | null> {
  if (!secret || secret.length > 100) return null;
  const s = await db.session.findUnique({ where: { id: idOf(secret) }, include: { user: true } });
  if (!s || s.expiresAt <= now || s.user.disabledAt) return null;
  if (now.getTime() - s.lastSeenAt.getTime() > 60_000) await db.session.update({ where: { id: s.id }, data: { lastSeenAt: now } });
  return { id: s.user.id, name: s.user.name, role: s.user.role as Role, sessionId: s.id };
}

/** Ends one session by its id (SessionUser.sessionId, the hash of its cookie). */
export const endSessionById = (db: Tx, id: string) => db.session.deleteMany({ where: { id } });

/** Sign out everywhere: every session of the user, on every device. */
export const endAllSessions = (db: Tx, userId: string) => db.session.deleteMany({ where: { userId } });
