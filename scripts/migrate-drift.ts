// CI's drift check: fails when schema.prisma says something the migrations do not.
import { diffMigrationsToSchema } from './lib/schema-engine';

const sql = await diffMigrationsToSchema();
if (sql) {
  console.error('Drift: schema.prisma and prisma/migrations disagree. Missing SQL:\n' + sql);
  console.error('Run `npm run db:migrate:new -- <name>` and commit the migration.');
  process.exit(1);
}
console.log('no drift: schema.prisma matches prisma/migrations');
