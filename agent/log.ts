import { writeSync } from 'node:fs';
import { printable } from '../lib/protocol/printable';

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes to stdout (1) or stderr (2) with write(2) itself: process.stdout
 * and process.stderr load Node's streams (1.3 MB, more on a pipe), and a
 * stream whose reader died raised errors that crashed a stopping agent. Text
 * nobody reads any more (EPIPE, a closed fd) is dropped.
 */
export function writeTo(fd: 1 | 2, text: string): void {
  const buf = Buffer.from(text);
  let done = 0;
  for (let waits = 0; done < buf.length;) {
    try {
      done += writeSync(fd, buf, done);
    } catch (err) {
      // A non-blocking pipe that is full: wait for its reader a little, then give the line up.
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN' || waits++ >= 1000) return;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

/** One line per event on stderr, with a timestamp: journald and kubectl logs read it as is. */
export function log(msg: string): void {
  writeTo(2, `${new Date().toISOString()} headroom-agent: ${printable(msg)}\n`);
}
