import { sha256Hex } from '../digest';
import path from 'node:path';

/**
 * One trace instance per spool folder: the spool lock allows one agent per
 * folder, so an instance of this name at start is a dead agent's, safe to replace.
 */
export function instanceName(spoolDir: string): string {
  return `headroom-agent-${sha256Hex(path.resolve(spoolDir)).slice(0, 8)}`;
}
