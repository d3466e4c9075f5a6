// How a secret key is written: 32 bytes as base64 (`openssl rand -base64 32`)
// or as 64 hex digits. No imports: lib/server/env.ts validates with it.
import { createHash } from 'node:crypto';

/** The 32-byte key `text` spells, or null. */
export function decodeKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-f]{64}$/i.test(t)) return Buffer.from(t, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) return null;
  const key = Buffer.from(t, 'base64');
  return key.length === 32 ? key : null;
}

/** Keys named by a short hash of themselves: the same key has the same id wherever it came from, and the id tells nothing of it. */
export const keyId = (key: Buffer): string => createHash('sha256').update('headroom secret key id\0').update(key).digest('hex').slice(0, 8);
