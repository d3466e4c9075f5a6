// The one validated view of the environment. Everything else imports `env()`.
import path from 'node:path';
import { z } from 'zod';
import { proxyHops } from '../web/forwarded.mjs';
import { decodeKey } from './secrets/key-text';

const secretKey = z.string().transform((text, ctx) => decodeKey(text) ?? (ctx.addIssue('must be 32 bytes as base64 (openssl rand -base64 32) or 64 hex digits'), z.NEVER));

const bool = z.enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no']).transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

export const envSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional()
    .describe('Postgres server to use. Unset: the embedded database (PGlite) in HEADROOM_DATA_DIR.'),
  HEADROOM_READ_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional()
    .describe('A streaming replica of DATABASE_URL for reads that tolerate lag: the fleet, host history, alert lists and /metrics. Writes, ingest, alert evaluation and sessions stay on DATABASE_URL; a user sees their own change at once. A replica that is down or behind by more than HEADROOM_READ_MAX_LAG is left for the primary, with one log line.'),
  HEADROOM_READ_MAX_LAG: z.coerce.number().min(0).max(3600).default(10)
    .describe('Seconds a read replica may be behind before reads go to the primary instead.'),
  HEADROOM_DATA_DIR: z.string().min(1).default('.headroom')
    .describe('Folder of the embedded database and of the local agent token.'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000).describe('HTTP port of the dashboard and API.'),
  HOSTNAME: z.string().min(1).default('0.0.0.0').describe('Address the server listens on.'),
  HEADROOM_LOCAL_AGENT: bool.default(true).describe('Run an agent for the machine the server runs on (npm start).'),
  HEADROOM_LOCAL_AGENT_INTERVAL: z.coerce.number().int().min(1).max(3600).default(15).describe('Report interval of that agent, seconds.'),
  HEADROOM_PUBLIC_URL: z.url().optional().describe('URL people reach the dashboard at (default http://localhost:PORT): for links in notifications, the server in the Add-a-host command and install.sh, and the one name first-run setup and sign-in answer besides loopback (docs/security.md).'),
  HEADROOM_ALLOWED_HOSTS: z.string().optional().transform((v) => (v ?? '').split(',').map((s) => s.trim().toLowerCase().replace(/\.$/, '')).filter(Boolean))
    .describe('More host names first-run setup and sign-in answer, comma-separated (`*`: any). Unset, they answer HEADROOM_PUBLIC_URL\'s name and loopback, or without a public URL also any IP address and the machine\'s own name: a guard against DNS rebinding.'),
  HEADROOM_WEB_PROCESSES: z.coerce.number().int().min(1).max(64).default(1).describe('Web server processes sharing the port (bin/web.mjs, as `headroom serve` runs it). Ingest is CPU work and one process uses one core: on a machine with cores to spare, 2 or more raise the ingest ceiling. Each batches its own reports; token and host caches and the ingest rate limit (per token and address) are per process.'),
  HEADROOM_WORKER: bool.default(true).describe('Run the background work (alert evaluation, delivery, rollups, pruning): under `headroom serve` as a process of its own, in a bare Next.js server in its process. Safe on every replica.'),
  HEADROOM_EVALUATE_INTERVAL: z.coerce.number().min(0.2).max(300).default(5).describe('Seconds between alert evaluations.'),
  HEADROOM_ALERT_GROUP_WAIT: z.coerce.number().min(0).max(600).default(10).describe('Seconds a notification waits so that what else happens in that moment joins it: one message per host, one digest per channel.'),
  HEADROOM_ALERT_REPEAT: z.coerce.number().min(60).max(7 * 86400).default(4 * 3600).describe('Seconds between repeats of a firing, unacknowledged alert.'),
  HEADROOM_ALERT_RESOLVE_AFTER: z.coerce.number().min(0).max(86400).default(300).describe('Seconds a firing alert\'s condition must stay clear before it resolves (doubling each time it came back within the reopen window).'),
  HEADROOM_ALERT_REOPEN_WINDOW: z.coerce.number().min(0).max(7 * 86400).default(3600).describe('Seconds after an alert resolved during which firing again reopens it (same alert, announced as back) instead of starting a new one.'),
  HEADROOM_DELIVERY_LEASE: z.coerce.number().min(1).max(3600).default(60).describe('Seconds a replica holds a notification it is sending before another may retry it.'),
  HEADROOM_DELIVERY_BACKOFF: z.coerce.number().min(0.01).max(3600).default(5).describe('First retry delay of a failed delivery, seconds; doubles each attempt up to 10 minutes.'),
  HEADROOM_CHANNEL_ALLOW: z.string().optional()
    .describe('Internal destinations alert channels may reach, comma-separated: host names, addresses or CIDR networks (e.g. `10.1.2.0/24,mail.corp`). Unset, webhooks, Slack and SMTP are refused on loopback, private, link-local, multicast, unspecified and cloud-metadata addresses, checked at delivery after DNS.'),
  HEADROOM_SECRET_KEY: secretKey.optional()
    .describe('Key that seals channel secrets in the database (signing secrets, SMTP passwords, webhook and Slack addresses): 32 bytes as base64 or hex, e.g. `openssl rand -base64 32`. The same on every server of one database. Unset: the embedded database keeps a key of its own in HEADROOM_DATA_DIR/secret.key; with DATABASE_URL, channels with secrets cannot be saved until it is set (docs/security.md).'),
  HEADROOM_SECRET_KEY_FILE: z.string().trim().min(1).optional().describe('A file holding the key instead (made there, 0600, on the first start when absent): for one server on Postgres with a persistent volume, as the compose file does. Replicas must share the file, or use HEADROOM_SECRET_KEY.'),
  HEADROOM_SECRET_KEYS_OLD: z.string().transform((text, ctx) => text.split(',').filter((k) => k.trim()).map((k, i) => decodeKey(k)
    ?? (ctx.addIssue(`key ${i + 1} must be 32 bytes as base64 or 64 hex digits`), z.NEVER))).optional()
    .describe('Earlier keys, comma-separated, that still open secrets sealed before a rotation (`npx headroom secrets rotate` reseals them with HEADROOM_SECRET_KEY); remove them once it has run.'),
  HEADROOM_TRUST_PROXY: z.string().trim().toLowerCase().regex(/^([0-9]|true|false|on|off|yes|no)$/, 'a number of proxies, or true/false')
    .transform(proxyHops).default(0).describe('Proxies in front that set X-Forwarded-For, whose word on the client address to take: false (none), true or 1 (nginx), 2 (a CDN or cloud load balancer in front of nginx).'),
  HEADROOM_SECURE_COOKIES: z.enum(['auto', 'always', 'never']).default('auto').describe('Secure session cookies: auto = when the request came over https (as a trusted proxy says: HEADROOM_TRUST_PROXY) or to localhost.'),
  HEADROOM_SESSION_IDLE: z.coerce.number().int().min(60).max(365 * 86400).default(12 * 3600)
    .describe('Seconds a dashboard session may go unused before it ends (signed out; counted from its last request, recorded at most once a minute).'),
  HEADROOM_SESSION_LIFETIME: z.coerce.number().int().min(60).max(365 * 86400).default(7 * 86400)
    .describe('Seconds a dashboard session lasts at most, however active: then its user signs in again.'),
  HEADROOM_OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional()
    .describe('Sign in with OpenID Connect: the provider\'s issuer (https://keycloak.example.com/realms/ops, https://accounts.google.com, …), found through its discovery document. Unset: local accounts only.'),
  HEADROOM_OIDC_CLIENT_ID: z.string().trim().min(1).optional().describe('The client id Headroom has at the provider (its redirect URI: HEADROOM_PUBLIC_URL/auth/oidc/callback).'),
  HEADROOM_OIDC_CLIENT_SECRET: z.string().trim().min(1).optional().describe('The client\'s secret, sent as HTTP Basic authentication; unset: a public client (PKCE alone).'),
  HEADROOM_OIDC_NAME: z.string().trim().min(1).max(40).default('single sign-on').describe('What the sign-in button names the provider: "Sign in with …".'),
  HEADROOM_OIDC_SCOPES: z.string().trim().default('openid profile email').describe('Scopes asked for, space-separated (add groups where the provider sends groups only for that scope).'),
  HEADROOM_OIDC_ROLE_CLAIM: z.string().trim().min(1).default('groups').describe('The claim (a dotted path for a nested one: realm_access.roles) whose values decide the role, from the ID token or else the userinfo answer.'),
  HEADROOM_OIDC_ADMIN_VALUES: z.string().default('').describe('Values of that claim, comma-separated, that make an admin.'),
  HEADROOM_OIDC_EDITOR_VALUES: z.string().default('').describe('Values that make an editor (when no admin value is there).'),
  HEADROOM_OIDC_VIEWER_VALUES: z.string().default('').describe('Values that make a viewer; none listed: anyone else the provider signs in is a viewer, unless HEADROOM_OIDC_DEFAULT_ROLE says otherwise.'),
  HEADROOM_OIDC_DEFAULT_ROLE: z.enum(['viewer', 'editor', 'admin', 'none']).optional().describe('The role of an account with none of the values above: none refuses it. Default: viewer when no viewer values are listed, else none.'),
  HEADROOM_OIDC_ONLY: bool.default(false).describe('Sign-in through the provider only: the password form is refused to every account but the first admin (the one made at first-run setup), kept for when the provider is down.'),
  HEADROOM_INGEST_RATE: z.coerce.number().min(0.1).max(10_000).default(20).describe('Reports per second one ingest token may send from one address (per server process); more get 429. Raise it for many hosts sharing a token behind one NAT or proxy address.'),
  HEADROOM_TOKEN_HOST_LIMIT: z.string().trim().toLowerCase().regex(/^(none|[1-9][0-9]{0,5}|1000000)$/, 'a number of hosts from 1 to 1,000,000, or none').default('100')
    .transform((v) => (v === 'none' ? null : Number(v))).describe('Hosts a new ingest token may enrol when its maker gives no limit (`none`: no limit). Existing tokens keep theirs. One leaked token can then add at most this many made-up hosts.'),
  HEADROOM_INGEST_BURST: z.coerce.number().int().min(1).max(100_000).default(300).describe('Reports one token may send at once from one address, e.g. an agent emptying its spool.'),
  NODE_ENV: z.string().optional().describe('`production`: `headroom serve` serves the dashboard build it has and never rebuilds it, even when sources look newer (the server image sets it: its install lacks the devDependencies a build needs).'),
  HEADROOM_MAX_REPORT_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024)
    .describe('Largest accepted report body, bytes.'),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function parseEnv(source: Record<string, string | undefined>): Env {
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

export function publicUrl(e: Env = env()): string {
  return (e.HEADROOM_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
}
