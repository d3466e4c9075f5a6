/** Control characters (terminal escapes, newlines a server put in its answer) as visible \xNN. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** One line per event on stderr, with a timestamp: journald and kubectl logs read it as is. */
export function log(msg: string): void {
  process.stderr.write(`${new Date().toISOString()} headroom-agent: ${printable(msg)}\n`);
}
