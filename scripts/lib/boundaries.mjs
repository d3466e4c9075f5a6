// The architecture's boundaries as checks (docs/architecture.md): capability
// modules entered only through their index.ts, Prisma and the database client
// only inside the data layers, the environment read in one place, and an agent
// with no runtime dependencies.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Folders under lib/ entered only through their index.ts. */
export const modules = ['access', 'alerts', 'commands', 'dimensions', 'format', 'forms', 'history', 'hosts', 'ingest', 'install', 'ops', 'protocol', 'risk', 'settings', 'views'];
/** Modules that may hold Prisma and SQL: the shared server core and the server capabilities. */
const dataLayers = ['lib/server/', ...['access', 'alerts', 'commands', 'history', 'hosts', 'ingest', 'ops', 'settings', 'views'].map((m) => `lib/${m}/`)];
/** Pure modules a browser bundle may import: no server code, no Prisma. */
const pure = ['protocol', 'risk', 'dimensions', 'format'].map((m) => `lib/${m}/`);
/** Variables Node.js, npm or Next.js set for a process, readable where the launcher needs them. */
const platformEnv = new Set(['NODE_ENV', 'NEXT_RUNTIME', 'npm_lifecycle_event']);
/** The edges: routes, actions, pages, components, the CLI and the launchers reach the database only through capabilities. */
const edges = ['app/', 'components/', 'lib/cli/', 'bin/', 'proxy.ts', 'instrumentation.ts'];
/** Launchers read a few documented variables before any TypeScript is loaded. */
const launchers = ['bin/', 'instrumentation.ts'];

const skip = new Set(['node_modules', '.next', 'generated', 'dist', 'testdata', '.headroom', '.git', 'test-results', 'out']);
const sourceExt = /\.(ts|tsx|mts|mjs|js|cjs)$/;

function* walk(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (skip.has(name)) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (sourceExt.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.d.mts')) yield p;
  }
}

/** Every source file the checks read: the code folders and the files at the root (proxy.ts, configs). */
function sources(root) {
  const dirs = ['app', 'components', 'lib', 'agent', 'bin', 'scripts', 'bench', 'e2e', 'deploy'];
  const top = readdirSync(root).filter((n) => sourceExt.test(n) && statSync(path.join(root, n)).isFile()).map((n) => path.join(root, n));
  return [...top, ...dirs.flatMap((d) => [...walk(path.join(root, d))])];
}

// Static imports at the start of a line (or closing a multi-line one), so a test's strings are not read as imports.
const importRe = /^\s*(?:(?:import|export)\b[^'"\n]*?\bfrom\s+|import\s+|\}\s*from\s+)(['"])([^'"]+)\1|(?:\bimport\s*\(\s*|\brequire\(\s*|vi\.mock\(\s*)(['"])([^'"]+)\3/gm;

function resolveImport(root, fromRel, spec) {
  let base;
  if (spec.startsWith('@/')) base = spec.slice(2);
  else if (spec.startsWith('.')) base = path.normalize(path.join(path.dirname(fromRel), spec));
  else return null;
  const isFile = (r) => existsSync(path.join(root, r)) && statSync(path.join(root, r)).isFile();
  for (const e of ['', '.ts', '.tsx', '.mts', '.mjs', '.js']) if (isFile(base + e)) return base + e;
  for (const e of ['/index.ts', '/index.tsx', '/index.mjs']) if (isFile(base + e)) return base + e;
  return base;
}

const moduleOf = (rel) => modules.find((m) => rel.startsWith(`lib/${m}/`));
const isTest = (rel) => /\.test\.tsx?$/.test(rel) || rel.startsWith('lib/testing/') || rel.startsWith('e2e/') || /^(playwright|vitest)\.config\.ts$/.test(rel);
const under = (rel, prefixes) => prefixes.some((p) => rel === p || rel.startsWith(p));

/** Environment variable names a file reads: process.env.X, process.env['X'], and destructured names. */
export function envReads(src) {
  const names = [...src.matchAll(/process\.env\.([A-Za-z_][A-Za-z0-9_]*)|process\.env\[\s*['"]([^'"]+)['"]\s*\]/g)].map((m) => m[1] ?? m[2]);
  for (const m of src.matchAll(/\{([^}]*)\}\s*=\s*process\.env\b/g)) names.push(...m[1].split(',').map((s) => s.split(':')[0].trim()).filter(Boolean));
  return names;
}

/** Names the validated environment module declares (lib/server/env.ts's schema keys). */
function declaredEnv(root) {
  const file = path.join(root, 'lib/server/env.ts');
  if (!existsSync(file)) return new Set();
  return new Set([...readFileSync(file, 'utf8').matchAll(/^\s{2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]));
}

/** Problems, one line each; an empty list means the tree keeps its boundaries. */
export function checkBoundaries(root) {
  const problems = [];
  const declared = declaredEnv(root);
  for (const file of sources(root)) {
    const rel = path.relative(root, file);
    const src = readFileSync(file, 'utf8');
    const specs = [...src.matchAll(importRe)].map((m) => m[2] ?? m[4]);
    const targets = specs.map((s) => ({ spec: s, target: resolveImport(root, rel, s) }));
    const own = moduleOf(rel);

    for (const { spec, target } of targets) {
      if (!target) continue;
      const to = moduleOf(target);
      // The agent bundles what it imports: it takes zod-free protocol files by path (agentSafe).
      const agentSafe = rel.startsWith('agent/') && to === 'protocol' && !/from ['"]zod['"]/.test(readFileSync(path.join(root, target), 'utf8'));
      if (to && to !== own && target !== `lib/${to}/index.ts` && !agentSafe) problems.push(`${rel}: imports ${spec}, inside lib/${to}; import lib/${to} (its index.ts) instead`);
      if (to && to === own && target === `lib/${to}/index.ts` && !isTest(rel)) problems.push(`${rel}: imports its own module's index (${spec}); import the file itself`);
    }
    const client = targets.find(({ target }) => target?.startsWith('lib/server/db/'));
    if (client && under(rel, edges) && !isTest(rel)) {
      problems.push(`${rel}: imports ${client.spec}; an edge reaches the database through a capability's entry (lib/commands for changes)`);
    }
    const prisma = specs.some((s) => s.startsWith('@prisma/') || s.includes('generated/prisma'));
    if (prisma && !under(rel, dataLayers) && !rel.startsWith('scripts/')) problems.push(`${rel}: imports Prisma outside the data layers (lib/server and the server capabilities)`);
    if (under(rel, pure) && targets.some(({ target }) => target && (target.startsWith('lib/server/') || target.startsWith('lib/') && under(target, dataLayers))) && !isTest(rel)) {
      problems.push(`${rel}: a pure module (browser-safe) imports server code`);
    }

    if (rel.startsWith('agent/') && !isTest(rel)) {
      const bad = specs.filter((i) => !i.startsWith('node:') && !i.startsWith('.'));
      if (bad.length) problems.push(`${rel}: the agent may import only node: built-ins and its own files (${bad.join(', ')})`);
      const zodded = src.split('\n').filter((l) => /^import\s(?!type\b).*lib\/protocol['"]/.test(l));
      if (zodded.length) problems.push(`${rel}: the agent takes values only from zod-free protocol files, by path (zod stays out of the bundle)`);
    }
    if (rel.startsWith('app/(app)/') && rel.endsWith('/page.tsx') && !/\brequire(PageUser|Role)\(/.test(src)) {
      problems.push(`${rel}: a signed-in page must call requirePageUser() itself; the layout's check is skipped when a client navigation reuses the layout`);
    }

    const reads = envReads(src);
    const free = rel === 'lib/server/env.ts' || isTest(rel) || under(rel, ['agent/', 'scripts/', 'bench/', 'deploy/', 'lib/sim/']);
    if (reads.length && !free) {
      const launcher = under(rel, launchers);
      const bad = reads.filter((n) => !(platformEnv.has(n) || (launcher && declared.has(n))));
      if (bad.length) problems.push(`${rel}: reads process.env (${[...new Set(bad)].join(', ')}); use env() from lib/server/env.ts${launcher ? ', or declare the variable there' : ''}`);
    }
  }
  return problems;
}
