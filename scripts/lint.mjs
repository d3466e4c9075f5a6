// Boundary checks that keep the architecture honest (see docs/architecture.md):
// Prisma only under lib/server, the environment read only through lib/server/env.ts,
// the agent free of runtime dependencies, and every signed-in page checking its
// own session (Next.js can render a page without its layout on client navigation).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const skip = new Set(['node_modules', '.next', 'generated', 'dist', 'testdata', '.headroom']);
function* files(dir) {
  for (const name of readdirSync(dir)) {
    if (skip.has(name)) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|tsx)$/.test(name)) yield p;
  }
}

const problems = [];
for (const dir of ['app', 'components', 'lib', 'agent']) {
  for (const file of files(path.join(root, dir))) {
    const rel = path.relative(root, file);
    const src = readFileSync(file, 'utf8');
    const imports = [...src.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
    if (!rel.startsWith('lib/server/') && imports.some((i) => i.startsWith('@prisma/') || i.includes('generated/prisma'))) {
      problems.push(`${rel}: imports Prisma outside lib/server`);
    }
    if (rel.startsWith('agent/') && !rel.endsWith('.test.ts')) {
      const bad = imports.filter((i) => !i.startsWith('node:') && !i.startsWith('.') && !i.startsWith('../'));
      if (bad.length) problems.push(`${rel}: the agent may import only node: built-ins and its own files (${bad.join(', ')})`);
      if (imports.some((i) => i.includes('lib/protocol/report')) && !/import type/.test(src.split('\n').find((l) => l.includes('lib/protocol/report')) ?? '')) {
        problems.push(`${rel}: the agent imports the protocol's types only (zod stays out of the bundle)`);
      }
    }
    if (rel.startsWith('app/(app)/') && rel.endsWith('/page.tsx') && !/\brequire(PageUser|Role)\(/.test(src)) {
      problems.push(`${rel}: a signed-in page must call requirePageUser() itself; the layout's check is skipped when a client navigation reuses the layout`);
    }
    const envUse = /process\.env\.[A-Z_]+/.test(src);
    const allowed = rel === 'lib/server/env.ts' || rel.startsWith('agent/') || rel.startsWith('lib/testing/') || rel.endsWith('.test.ts');
    if (envUse && !allowed) problems.push(`${rel}: reads process.env directly; use env() from lib/server/env.ts`);
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('boundaries: ok');
