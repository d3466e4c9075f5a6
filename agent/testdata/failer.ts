// Drives testdata/failer.c, compiled as "buildkitd": real failing fd and
// inotify calls, optionally in a user namespace with lowered inotify limits.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLineChild, type HolderOptions } from './holder';

export function compileFailer(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-failer-bin-'));
  chmodSync(dir, 0o755);
  const bin = path.join(dir, 'buildkitd');
  execFileSync('cc', ['-O2', '-o', bin, path.join(import.meta.dirname, 'failer.c')]);
  return bin;
}

export interface Failer { pid: number; send(cmd: string): Promise<string>; close(): void }

export async function startFailer(bin: string, o: Pick<HolderOptions, 'userns' | 'nofile'> = {}): Promise<Failer> {
  const { child, send, pid } = await startLineChild(bin, o);
  return { pid, send, close: () => { child.stdin.end(); child.kill('SIGKILL'); } };
}
