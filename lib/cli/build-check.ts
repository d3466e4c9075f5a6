import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newestMtime(dir: string, skip: Set<string>): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(e.name)) continue;
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p, skip) : statSync(p).mtimeMs);
  }
  return newest;
}

/** True when .next is missing or older than any source it was built from. */
export function buildIsStale(root: string): boolean {
  const buildId = path.join(root, '.next/BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const skip = new Set(['node_modules', 'generated', 'dist']);
  const sources = ['app', 'components', 'lib'].map((d) => path.join(root, d)).filter(existsSync);
  const files = ['next.config.js', 'package.json', 'postcss.config.mjs', 'proxy.ts', 'instrumentation.ts'].map((f) => path.join(root, f)).filter(existsSync);
  return Math.max(...sources.map((d) => newestMtime(d, skip)), ...files.map((f) => statSync(f).mtimeMs)) > built;
}
