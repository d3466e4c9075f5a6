import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * One trace instance per spool folder: the spool lock allows one agent per
 * folder, so an instance of this name at start is a dead agent's, safe to replace.
 */
export function instanceName(spoolDir: string): string {
  return `headroom-agent-${createHash('sha256').update(path.resolve(spoolDir)).digest('hex').slice(0, 8)}`;
}
