import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashSecret } from '../access';
import { cliActor, runCommand } from '../commands';
import type { Db } from '../server/db/client';

/**
 * The ingest token of the agent `headroom serve` runs for its own machine,
 * kept in the data folder (mode 0600) and made again if it was revoked.
 */
export async function localAgentToken(db: Db, dir: string): Promise<string> {
  const file = path.join(dir, 'local-agent.token');
  let token: string | null = null;
  try {
    token = readFileSync(file, 'utf8').trim();
  } catch { /* first run */ }
  if (token) {
    const row = await db.apiToken.findUnique({ where: { hash: hashSecret(token) } });
    if (row && !row.revokedAt) return token;
  }
  const created = await runCommand('token.create', cliActor, { name: `local agent (${os.hostname()})`, scope: 'ingest' }, { db });
  writeFileSync(file, created.token + '\n', { mode: 0o600 });
  return created.token;
}
