import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Tx } from '../server/db/client';
import { env } from '../server/env';
import type { Role } from './roles';

export const SESSION_COOKIE = 'headroom_session';
// last_seen_at is written at most this often: not a write per page.
const TOUCH_EVERY_MS = 60_000;

const idleMs = () => env().HEADROOM_SESSION_IDLE * 1000;

/** Sessions that have ended, unused too long or past their lifetime: never read, pruned daily. */
export const endedSessions = (now: Date) => ({ OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lt: new Date(now.getTime() - idleMs()) } }] });

const idOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

export interface SessionUser { id: string; name: string; role: Role; sessionId: string }

export async function createSession(db: Tx, userId: string, meta: { address: string | null; userAgent: string | null }, now = new Date()) {
  const secret = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + env().HEADROOM_SESSION_LIFETIME * 1000);
  await db.session.create({ data: { id: idOf(secret), userId, expiresAt, lastSeenAt: now, address: meta.address, userAgent: meta.userAgent?.slice(0, 300) ?? null } });
  return { secret, expiresAt };
}

/** The signed-in user of a cookie's secret, or null (unknown, unused too long, past its lifetime, or the user is disabled). */
export async function readSession(db: Db, secret: string | undefined, now = new Date()): Promise<SessionUser | null> {
  if (!secret || secret.length > 100) return null;
  const s = await db.session.findUnique({ where: { id: idOf(secret) }, include: { user: true } });
  if (!s || s.expiresAt <= now || now.getTime() - s.lastSeenAt.getTime() > idleMs() || s.user.disabledAt) return null;
  if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) await db.session.update({ where: { id: s.id }, data: { lastSeenAt: now } });
  return { id: s.user.id, name: s.user.name, role: s.user.role as Role, sessionId: s.id };
}

/** Ends one session by its id (SessionUser.sessionId, the hash of its cookie). */
export const endSessionById = (db: Tx, id: string) => db.session.deleteMany({ where: { id } });

/** Sign out everywhere: every session of the user, on every device. */
export const endAllSessions = (db: Tx, userId: string) => db.session.deleteMany({ where: { userId } });
