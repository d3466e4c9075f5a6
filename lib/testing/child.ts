import type { ChildProcess } from 'node:child_process';

/** What a child wrote and how it ended, awaited: this process stays free to serve the child (its database, say). */
export function collect(child: ChildProcess, input?: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => { stdout += d; });
  child.stderr?.on('data', (d: Buffer) => { stderr += d; });
  if (input !== undefined) child.stdin?.end(input);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}
