// Secrets at rest: AES-256-GCM, a fresh 96-bit nonce per value, the key's id
// stored beside the ciphertext so keys can rotate. `context` is authenticated
// too: a value copied to another row or field does not open there.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors';
import type { KeyRing } from './key-ring';

export const sealed = z.strictObject({ kid: z.string(), iv: z.string(), ct: z.string(), tag: z.string() });
export type Sealed = z.infer<typeof sealed>;

export const isSealed = (v: unknown): v is Sealed => sealed.safeParse(v).success;

/** A secret that cannot be sealed or opened with the keys this process has; its message names the key, never the secret. */
export class SecretKeyError extends AppError {
  constructor(message: string) { super('bad_request', message); }
}

export const NO_KEY = 'secrets at rest need a key: set HEADROOM_SECRET_KEY (32 bytes, `openssl rand -base64 32`) on every server, or HEADROOM_SECRET_KEY_FILE to a file they share';

export function seal(ring: KeyRing, plain: string, context: string): Sealed {
  if (!ring.current) throw new SecretKeyError(NO_KEY);
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', ring.current.key, iv).setAAD(Buffer.from(context));
  const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return { kid: ring.current.id, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: c.getAuthTag().toString('base64') };
}

/** The secret `s` holds; `what` names it in the error when it does not open. */
export function open(ring: KeyRing, s: Sealed, context: string, what = context): string {
  const key = ring.keys.get(s.kid);
  if (!key) throw new SecretKeyError(`${what} is sealed with key ${s.kid}, which this server does not have (give it as HEADROOM_SECRET_KEY or in HEADROOM_SECRET_KEYS_OLD)`);
  try {
    // A 16-byte tag demanded: GCM would otherwise accept one cut down to 4 bytes.
    const d = createDecipheriv('aes-256-gcm', key.key, Buffer.from(s.iv, 'base64'), { authTagLength: 16 }).setAAD(Buffer.from(context));
    d.setAuthTag(Buffer.from(s.tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(s.ct, 'base64')), d.final()]).toString('utf8');
  } catch {
    throw new SecretKeyError(`${what} does not open with key ${s.kid}: the stored value was altered or belongs to another row`);
  }
}
