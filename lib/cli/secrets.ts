import { secretsKeptWith } from '../alerts';
import { cliActor, runCommand } from '../commands';
import { withDatabase } from '../ops';
import { keySource, processKeyRing } from '../server/secrets/key-ring';
import { parseFlags, unknownCommand } from './args';

export const secretsUsage = `headroom secrets rotate       reseal every channel's secrets with the current key (HEADROOM_SECRET_KEY)
headroom secrets status       the current and older keys' ids, and how each channel's secrets are kept`;

/** "2 with key 1a2b3c4d, 1 in plain text" */
const counts = (by: Record<string, number>) =>
  Object.entries(by).map(([k, n]) => `${n} ${k === 'plain' ? 'in plain text' : `with key ${k}`}`).join(', ') || 'none';

async function rotate(argv: string[]): Promise<void> {
  parseFlags(argv, {});
  const r = await withDatabase((db) => runCommand('secrets.rotate', cliActor, {}, { db }));
  const were = r.resealed ? ` (they were: ${counts(r.from)})` : '';
  process.stdout.write(`resealed ${r.resealed} channel${r.resealed === 1 ? '' : 's'} with key ${r.to}${were}${r.withoutSecrets ? `; ${r.withoutSecrets} without secrets` : ''}\n`);
}

async function status(argv: string[]): Promise<void> {
  parseFlags(argv, {});
  const by = await withDatabase(secretsKeptWith);
  const ring = processKeyRing();
  const old = [...ring.keys.keys()].filter((id) => id !== ring.current?.id);
  process.stdout.write(`current key: ${ring.current ? `${ring.current.id} (${keySource()})` : 'none: set HEADROOM_SECRET_KEY'}\n`);
  process.stdout.write(`older keys: ${old.join(', ') || 'none'}\n`);
  process.stdout.write(`channels with secrets: ${counts(by)}\n`);
}

const verbs = { rotate, status };

export async function secretsCommand([verb, ...rest]: string[]): Promise<void> {
  if (verb && Object.hasOwn(verbs, verb)) return verbs[verb as keyof typeof verbs](rest);
  throw unknownCommand('secrets command', verb, Object.keys(verbs), secretsUsage);
}
