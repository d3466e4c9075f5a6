// Which keys seal and open secrets at rest: HEADROOM_SECRET_KEY, or for the
// embedded database a key kept in its data folder; older keys only open.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir, env, type Env } from '../env';
import { decodeKey, keyId } from './key-text';

export interface Key { id: string; key: Buffer }

export interface KeyRing {
  /** The key new secrets are sealed with; null on a Postgres server without HEADROOM_SECRET_KEY. */
  current: Key | null;
  /** Every key that opens a secret, by id: the current one and the older ones. */
  keys: ReadonlyMap<string, Key>;
}

const asKey = (key: Buffer): Key => ({ id: keyId(key), key });

export function keyRing(current: Buffer | null, old: readonly Buffer[] = []): KeyRing {
  const all = [...(current ? [current] : []), ...old].map(asKey);
  return { current: current ? asKey(current) : null, keys: new Map(all.map((k) => [k.id, k])) };
}

export const KEY_FILE = 'secret.key';

/** The embedded install's key: read from the data folder, or made there (0600) the first time. */
export const embeddedKey = (dir: string): Buffer => keyFile(path.join(dir, KEY_FILE));

/** The key in `file`, made there (0600, its folder 0700 if new) the first time. */
export function keyFile(file: string): Buffer {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // wx: of two processes starting at once one writes the key, and the other reads it.
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = decodeKey(readFileSync(file, 'utf8'));
  if (!key) throw new Error(`${file} does not hold a 32-byte key (base64 or hex)`);
  return key;
}

/** Where this process's current key comes from, for messages. */
export function keySource(e: Env = env()): string {
  if (e.HEADROOM_SECRET_KEY) return 'HEADROOM_SECRET_KEY';
  if (e.HEADROOM_SECRET_KEY_FILE) return e.HEADROOM_SECRET_KEY_FILE;
  return e.DATABASE_URL ? 'none' : path.join(dataDir(e), KEY_FILE);
}

let cached: { e: Env; ring: KeyRing } | undefined;
/**
 * This process's key ring. A Postgres server's replicas must share one key,
 * which only their environment can give them: without HEADROOM_SECRET_KEY
 * (or HEADROOM_SECRET_KEY_FILE, a file they share) there is no current key
 * there, rather than one per replica's disk.
 */
export function processKeyRing(e: Env = env()): KeyRing {
  if (cached?.e === e) return cached.ring;
  const current = e.HEADROOM_SECRET_KEY ?? (e.HEADROOM_SECRET_KEY_FILE ? keyFile(e.HEADROOM_SECRET_KEY_FILE) : e.DATABASE_URL ? null : embeddedKey(dataDir(e)));
  cached = { e, ring: keyRing(current, e.HEADROOM_SECRET_KEYS_OLD) };
  return cached.ring;
}
