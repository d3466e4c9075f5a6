import { defineConfig } from 'prisma/config';

// The CLI is used only for `prisma generate`; migrations are applied by
// lib/server/db/migrate.ts and authored with scripts/migrate-new.ts (no native engine here).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
