// Small synchronous readers: a /proc walk is thousands of tiny reads, where
// sync calls beat promise overhead, and nothing else runs in the agent meanwhile.
import { closeSync, openSync, readSync } from 'node:fs';

export type SkipKind = 'vanished' | 'denied';

/** Classifies the errors a /proc walk expects: the process went away, or we may not look. */
export function skipKind(err: unknown): SkipKind | null {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ESRCH') return 'vanished';
  if (code === 'EACCES' || code === 'EPERM') return 'denied';
  return null;
}

let buf = Buffer.allocUnsafe(64 * 1024);
const PAGE = 4096;

/**
 * Reads a whole (small) file into one reused buffer: open, read, close, where
 * readFileSync adds an fstat and a fresh buffer per call. A /proc read that
 * returns less than a page has returned the whole file.
 */
export function readText(path: string): string {
  const fd = openSync(path, 'r');
  try {
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger);
        buf = bigger;
      }
      const r = readSync(fd, buf, n, buf.length - n, null);
      n += r;
      if (r === 0 || r < PAGE) break;
    }
    return buf.toString('latin1', 0, n);
  } finally {
    closeSync(fd);
  }
}

export function tryReadText(path: string): string | null {
  try {
    return readText(path);
  } catch {
    return null;
  }
}

export function readNumber(path: string): number | null {
  const text = tryReadText(path);
  if (text === null) return null;
  const n = Number(text.trim().split(/\s+/)[0]);
  return Number.isFinite(n) ? n : null;
}

const chunk = Buffer.allocUnsafe(64 * 1024);

/**
 * Lines of a file that start with `prefix`, read in fixed chunks: an inotify
 * fdinfo holds a line per watch (about 110 bytes), so one instance near a
 * million watches is a 100 MB file, which must not become a 100 MB buffer
 * (and a string) in an agent meant to stay small.
 */
export function countLinesStarting(path: string, prefix: string): number {
  const needle = Buffer.from(`\n${prefix}`, 'latin1');
  const fd = openSync(path, 'r');
  try {
    chunk[0] = 0x0a; // as if a line ended just before the file: its first line counts too
    let kept = 1;
    let n = 0;
    for (;;) {
      const r = readSync(fd, chunk, kept, chunk.length - kept, null);
      if (r === 0) return n;
      const filled = chunk.subarray(0, kept + r);
      for (let at = filled.indexOf(needle); at !== -1; at = filled.indexOf(needle, at + 1)) n++;
      // Carry the tail that could begin a match across the chunk boundary (too short to hold a whole one).
      kept = Math.min(needle.length - 1, filled.length);
      filled.copy(chunk, 0, filled.length - kept);
    }
  } finally {
    closeSync(fd);
  }
}
