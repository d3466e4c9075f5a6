// Drives Prisma's own schema engine, compiled to WASM, with an in-memory
// PGlite as main and shadow database: the native engine cannot be downloaded here.
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';

const require = createRequire(import.meta.url);
export const root = path.resolve(import.meta.dirname, '../..');
export const migrationsDir = path.join(root, 'prisma/migrations');
const schemaPath = path.join(root, 'prisma/schema.prisma');

type Bg = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

// Node 20 cannot import .wasm as an ES module, so wire the wasm-bindgen glue by hand.
async function loadEngine(): Promise<Bg> {
  const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
  const bg: Bg & { __wbg_set_wasm(x: unknown): void } = await import(path.join(dir, 'schema_engine_bg.js'));
  const bytes = await readFile(path.join(dir, 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  return bg;
}

// pglite-prisma-adapter 0.7.2 does not await exec() in executeScript, so a
// failing migration would look applied: wrap it so script errors surface.
function pgliteFactory(): SqlMigrationAwareDriverAdapterFactory {
  const wrap = async (db: PGlite) => {
    const adapter = await new PrismaPGlite(db).connect();
    adapter.executeScript = async (script: string) => { await db.exec(script); };
    return adapter;
  };
  return {
    provider: 'postgres',
    adapterName: 'headroom-pglite',
    connect: () => wrap(new PGlite()),
    connectToShadowDb: () => wrap(new PGlite()),
  };
}

export async function listMigrations() {
  const names = (await readdir(migrationsDir, { withFileTypes: true }).catch(() => []))
    .filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const migrationDirectories = await Promise.all(names.map(async (name) => ({
    path: name,
    migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: await readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8') } },
  })));
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: await readFile(lockPath, 'utf8').catch(() => null) },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

/** SQL that takes a database built from the migration history to schema.prisma ('' when they agree). */
export async function diffMigrationsToSchema(): Promise<string> {
  const bg = await loadEngine();
  const adapter = bindMigrationAwareSqlAdapterFactory(pgliteFactory());
  const engine = await bg.SchemaEngine.new({ datamodels: undefined }, () => {}, adapter);
  const schema = { path: schemaPath, content: await readFile(schemaPath, 'utf8') };
  const migrations = await listMigrations();
  const result = await engine.diff({
    from: migrations.migrationDirectories.length ? { tag: 'migrations', ...migrations } : { tag: 'empty' },
    to: { tag: 'schemaDatamodel', files: [schema] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = result.stdout ?? '';
  return /^\s*(-- This is an empty migration\.)?\s*$/.test(sql) ? '' : sql;
}
