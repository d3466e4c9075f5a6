// Small synchronous readers: a /proc walk is thousands of tiny reads, where
// sync calls beat promise overhead, and nothing else runs in the agent meanwhile.
import { readFileSync } from 'node:fs';

export type SkipKind = 'vanished' | 'denied';

/** Classifies the errors a /proc walk expects: the process went away, or we may not look. */
export function skipKind(err: unknown): SkipKind | null {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ESRCH') return 'vanished';
  if (code === 'EACCES' || code === 'EPERM') return 'denied';
  return null;
}

export function readText(path: string): string {
  return readFileSync(path, 'latin1');
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
