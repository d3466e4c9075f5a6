import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

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

/**
 * A host of the calling test's own, made through the real ingest API with an
 * ingest token made for it: one report now, or `minutes` of reports 15 s apart
 * ending now. Specs use it rather than whatever host another spec left behind.
 */
export async function ownHost(request: APIRequestContext, baseURL: string, name: string, o: { instances?: number; minutes?: number; labels?: string[] } = {}): Promise<{ id: string; name: string }> {
  const token = cliToken(baseURL, 'ingest', `e2e-own-${name}`);
  const now = Date.now();
  const steps = Math.round(((o.minutes ?? 0) * 60) / 15);
  // A process, so the host page has one to list at any moment.
  const busiest = { pid: 4242, command: 'e2e-daemon', euid: 0, fds: 50, fdLimit: 1024, inotifyInstances: 1, inotifyWatches: 2, containerId: null };
  let id = '';
  for (let i = steps; i >= 0; i--) {
    const r = report(name, o.instances ?? 10);
    const res = await request.post('/api/v1/reports', {
      data: { ...r, host: { ...r.host, labels: o.labels ?? [] }, collectedAt: new Date(now - i * 15_000).toISOString(), processes: [busiest] },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status(), await res.text()).toBe(202);
    id = ((await res.json()) as { hostId: string }).hostId;
  }
  return { id, name };
}
