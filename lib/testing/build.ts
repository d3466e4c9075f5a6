import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');

/**
 * Makes sure a dashboard build exists, for tests that start `headroom serve`
 * with NODE_ENV=production: it then serves whichever build there is.
 */
export function ensureDashboardBuild(): void {
  if (existsSync(path.join(root, '.next/BUILD_ID'))) return;
  const b = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], { cwd: root, stdio: 'ignore', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (b.status !== 0) throw new Error('next build failed');
}
