import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Db, Tx } from '../server/db/client';
import { hashSecret } from './tokens';

// A browser's own random secret, kept for a year; the database holds its SHA-256.
export const DEVICE_COOKIE = 'headroom_device';
export const DEVICE_DAYS = 365;

const wellFormed = (secret: string | undefined): secret is string => !!secret && /^[A-Za-z0-9_-]{43}$/.test(secret);

/** The hash of a browser's device cookie when it has signed in to the account named before, else null. */
export async function knownDevice(db: Db, secret: string | undefined, name: string | null): Promise<string | null> {
  if (!wellFormed(secret) || name === null) return null;
  const hash = hashSecret(secret);
  const row = await db.knownDevice.findFirst({ where: { hash, user: { name: { equals: name, mode: 'insensitive' } } }, select: { id: true } });
  return row ? hash : null;
}

/** After a sign-in: the browser's device secret (a new one if it had none), known for this user from now on. */
export async function rememberDevice(db: Db, userId: string, secret: string | undefined, now: Date): Promise<string> {
  const s = wellFormed(secret) ? secret : randomBytes(32).toString('base64url');
  const hash = hashSecret(s);
  await db.knownDevice.upsert({ where: { hash_userId: { hash, userId } }, create: { hash, userId, createdAt: now, lastUsedAt: now }, update: { lastUsedAt: now } });
  return s;
}

/** Browsers whose cookie has lapsed: pruned daily. */
export const forgottenDevices = (now: Date) => ({ lastUsedAt: { lt: new Date(now.getTime() - DEVICE_DAYS * 86400_000) } });

/** A user's browsers are strangers again (their password was reset, or they were disabled). */
export const forgetDevices = (db: Tx, userId: string) => db.knownDevice.deleteMany({ where: { userId } });
