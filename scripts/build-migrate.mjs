// Bundles the migration applier into one file for the server image, where the
// standalone server has no TypeScript toolchain: node dist/migrate.mjs
import { build } from 'esbuild';

await build({
  stdin: {
    contents: `import { applyMigrations } from './lib/server/db/migrate.ts';
const url = process.env.DATABASE_URL;
if (!url) { console.error('migrate: set DATABASE_URL'); process.exit(2); }
const r = await applyMigrations(url, new URL('../prisma/migrations', import.meta.url).pathname);
console.log(r.applied.length ? 'applied migrations: ' + r.applied.join(', ') : 'migrations are up to date');`,
    resolveDir: new URL('..', import.meta.url).pathname,
    loader: 'ts',
  },
  outfile: new URL('../dist/migrate.mjs', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['pg-native'],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  logLevel: 'warning',
});
console.log('dist/migrate.mjs');
