import 'server-only';
import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes: OWASP's minimum).
export const hashPassword = (plain: string): Promise<string> => hash(plain);

let dummy: Promise<string> | undefined;

/** Verifies; with no hash (unknown user) it still spends the same time, so names cannot be probed. */
export async function verifyPassword(stored: string | null, plain: string): Promise<boolean> {
  if (stored === null) {
    dummy ??= hash('not a real password');
    await verify(await dummy, plain).catch(() => false);
    return false;
  }
  return verify(stored, plain).catch(() => false);
}
