import type { ChildProcess } from 'node:child_process';

/**
 * Waits until a server `child` started answers `url`/api/health, polling every
 * 250 ms; throws if it exits first or does not answer within `timeoutMs`.
 */
export async function waitForHealth(url: string, child: ChildProcess, o: { timeoutMs: number; what: string; hint?: string }): Promise<void> {
  const deadline = Date.now() + o.timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${o.what} exited during start-up`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${o.what} did not answer ${url}/api/health within ${o.timeoutMs / 1000}s${o.hint ? ` (${o.hint})` : ''}`);
}
