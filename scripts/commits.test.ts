import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The convention (docs/development.md) holds from the commit after this one on.
const SINCE = 'c34e89f';
const root = path.resolve(import.meta.dirname, '..');

describe('commit messages', () => {
  it('have a subject under 72 characters and a blank line before any body', () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    // A shallow clone may lack SINCE: then the commits it has are checked.
    let range = `${SINCE}..HEAD`;
    try { git('cat-file', '-e', `${SINCE}^{commit}`); } catch { range = 'HEAD'; }
    const log = git('log', '--format=%h%x00%B%x01', range);
    const commits = log.split('\x01').map((c) => c.trim()).filter(Boolean).map((c) => {
      const [sha, message = ''] = c.split('\x00');
      return { sha, lines: message.split('\n') };
    });
    expect(commits.length).toBeGreaterThan(0);
    const bad = commits.flatMap(({ sha, lines }) => [
      ...(lines[0]!.length >= 72 ? [`${sha}: subject is ${lines[0]!.length} characters: ${lines[0]}`] : []),
      ...(lines.length > 1 && lines[1] !== '' ? [`${sha}: no blank line after the subject`] : []),
    ]);
    expect(bad).toEqual([]);
  });
});
