import { printable } from '../lib/protocol/printable';

/** One line per event on stderr, with a timestamp: journald and kubectl logs read it as is. */
export function log(msg: string): void {
  process.stderr.write(`${new Date().toISOString()} headroom-agent: ${printable(msg)}\n`);
}
