import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBoundaries } from './lib/boundaries.mjs';

const root = mkdtempSync(path.join(tmpdir(), 'boundaries-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(root, 't-'));
  for (const [rel, src] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), src);
  }
  return dir;
}

const base = {
  'lib/server/env.ts': "const schema = {\n  HEADROOM_WEB_PROCESSES: 1,\n};\nexport const env = () => process.env.ANYTHING;\n",
  'lib/hosts/index.ts': "export { listHosts } from './list';\n",
  'lib/hosts/list.ts': "import { Prisma } from '../server/generated/prisma/client';\nexport const listHosts = () => Prisma;\n",
  'lib/protocol/index.ts': "export * from './version';\nexport * from './report';\n",
  'lib/protocol/version.ts': 'export const PROTOCOL_VERSION = 1;\n',
  'lib/protocol/report.ts': "import { z } from 'zod';\nexport const report = z.object({});\n",
};

describe('the boundary lint', () => {
  it('passes a tree that keeps its boundaries', () => {
    const ok = tree({
      ...base,
      'app/page.tsx': "import { listHosts } from '@/lib/hosts';\nexport default listHosts;\n",
      'agent/main.ts': "import { PROTOCOL_VERSION } from '../lib/protocol/version';\nimport type { Report } from '../lib/protocol';\n",
      'bin/web.mjs': 'const n = process.env.HEADROOM_WEB_PROCESSES;\n',
    });
    expect(checkBoundaries(ok)).toEqual([]);
  });

  it.each([
    ['app/page.tsx', "import { listHosts } from '@/lib/hosts/list';\n", 'inside lib/hosts; import lib/hosts (its index.ts)'],
    ['lib/cli/x.ts', "import { listHosts } from '../hosts/list';\n", 'inside lib/hosts'],
    ['bin/x.mjs', "import { listHosts } from '../lib/hosts/list.ts';\n", 'inside lib/hosts'],
    ['proxy.ts', "import { listHosts } from './lib/hosts/list';\n", 'inside lib/hosts'],
    ['lib/hosts/other.ts', "import { listHosts } from '.';\n", "imports its own module's index"],
    ['components/Table.tsx', "import { Prisma } from '@prisma/client';\n", 'imports Prisma outside the data layers'],
    ['lib/risk/status.ts', "import { listHosts } from '../hosts';\n", 'a pure module (browser-safe) imports server code'],
    ['agent/x.ts', "import { z } from 'zod';\n", 'the agent may import only node: built-ins'],
    ['agent/y.ts', "import { report } from '../lib/protocol';\n", 'zod-free protocol files'],
    ['agent/z.ts', "import { report } from '../lib/protocol/report';\n", 'inside lib/protocol'],
    ['app/(app)/hosts/page.tsx', 'export default function Page() { return null; }\n', 'must call requirePageUser()'],
    ['lib/hosts/read.ts', 'export const url = process.env.DATABASE_URL;\n', 'reads process.env (DATABASE_URL)'],
    ['app/route.ts', "export const v = process.env['npm_package_version'];\n", 'reads process.env (npm_package_version)'],
    ['lib/cli/serve.ts', 'const { home } = process.env;\n', 'reads process.env (home)'],
    ['bin/headroom.mjs', 'const p = process.env.UNDECLARED_THING;\n', 'or declare the variable there'],
    ['app/api/v1/x/route.ts', "import { db } from '@/lib/server/db/client';\n", 'an edge reaches the database through a capability'],
    ['lib/cli/x.ts', "import type { Db } from '../server/db/client';\n", 'an edge reaches the database through a capability'],
    ['instrumentation.ts', "const { db } = await import('./lib/server/db/client');\n", 'an edge reaches the database through a capability'],
  ])('refuses %s with %j', (file, src, message) => {
    const problems = checkBoundaries(tree({ ...base, [file]: src }));
    expect(problems.filter((p) => p.startsWith(`${file}:`)).join('\n')).toContain(message);
  });

  it('holds on this repository', () => {
    expect(checkBoundaries(path.resolve(import.meta.dirname, '..'))).toEqual([]);
  });
});
