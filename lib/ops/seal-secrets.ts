import { secretsKeptWith } from '../alerts';
import { cliActor, runCommand } from '../commands';
import type { Db } from '../server/db/client';
import type { KeyRing } from '../server/secrets/key-ring';

/**
 * Seals channel secrets saved in plain text (before sealing existed) at
 * start-up: a migration cannot, since it never sees the key. What to say
 * about it, or null when there was nothing to do.
 */
export async function sealPlainSecrets(db: Db, ring: KeyRing): Promise<string | null> {
  const plain = (await secretsKeptWith(db)).plain ?? 0;
  if (plain === 0) return null;
  if (!ring.current) return `warning: ${plain} channel(s) keep their secrets in plain text; set HEADROOM_SECRET_KEY, then they are sealed at the next start (or by npx headroom secrets rotate)`;
  const r = await runCommand('secrets.rotate', cliActor, { plainOnly: true }, { db });
  return `sealed the secrets of ${r.resealed} channel(s) saved in plain text, with key ${r.to}`;
}
