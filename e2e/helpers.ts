import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';

/** The environment that points the CLI at the database of the server under test. */
export function serverEnv(baseURL: string): NodeJS.ProcessEnv {
  const port = new URL(baseURL).port;
  return { ...process.env, ...JSON.parse(readFileSync(`e2e/.state/${port}.json`, 'utf8')) };
}

/** A token made with the real CLI, next to the running server. */
export function cliToken(baseURL: string, scope: 'ingest' | 'read' | 'admin', name: string): string {
  return execFileSync(process.execPath, ['bin/headroom.mjs', 'token', 'create', '--name', name, '--scope', scope], { env: serverEnv(baseURL), stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
}

/** Reloads until `locator` shows: pages refresh themselves, but tests should not wait 15 s for it. */
export async function reloadUntilVisible(page: Page, locator: Locator, timeoutMs = 30_000): Promise<void> {
  await expect(async () => {
    await page.reload();
    await expect(locator).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: timeoutMs });
}

/** A valid report for `name` with `instances` inotify instances used of 128. */
export function report(name: string, instances: number) {
  return {
    protocolVersion: 1, reportId: randomUUID(), collectedAt: new Date().toISOString(), intervalSeconds: 15,
    host: { name, machineId: null, kernel: '6.1.0', agentVersion: 'e2e', bootTime: null },
    fds: { allocated: 1000, max: 100000, nrOpen: 1048576 },
    inotify: { maxUserInstances: 128, maxUserWatches: 65536, maxQueuedEvents: 16384, instancesSource: 'fs.inotify', watchesSource: 'fs.inotify' },
    uids: [{ uid: 0, user: 'root', instances, watches: 50 }], processes: [], daemons: [],
    containers: { method: 'none', running: 0, total: null, buildkitImages: [] },
    scan: { processes: 10, skipped: { vanished: 0, denied: 0 }, durationMs: 1 },
  };
}
