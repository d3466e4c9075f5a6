// The one validated view of the environment. Everything else imports `env()`.
import path from 'node:path';
import { z } from 'zod';

const bool = z.enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no']).transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

export const envSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional()
    .describe('Postgres server to use. Unset: the embedded database (PGlite) in HEADROOM_DATA_DIR.'),
  HEADROOM_DATA_DIR: z.string().min(1).default('.headroom')
    .describe('Folder of the embedded database and of the local agent token.'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000).describe('HTTP port of the dashboard and API.'),
  HOSTNAME: z.string().min(1).default('0.0.0.0').describe('Address the server listens on.'),
  HEADROOM_LOCAL_AGENT: bool.default(true).describe('Run an agent for the machine the server runs on (npm start).'),
  HEADROOM_LOCAL_AGENT_INTERVAL: z.coerce.number().int().min(1).max(3600).default(15).describe('Report interval of that agent, seconds.'),
  HEADROOM_MAX_REPORT_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024)
    .describe('Largest accepted report body, bytes.'),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function dataDir(e: Env = env()): string {
  return path.resolve(e.HEADROOM_DATA_DIR);
}
