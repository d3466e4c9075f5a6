// `headroom secrets` as an operator runs it, in real processes beside an
// embedded database: the key the data folder keeps, reused by every start;
// rows from before sealed; a rotation to a key from the environment, audited;
// and a rotation that cannot open a row refused, changing nothing.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../server/db/client';
import { serveEmbedded, type Embedded } from '../server/db/embedded';
import { applyMigrations } from '../server/db/migrate';
import { decodeKey, keyId } from '../server/secrets/key-text';
import { collect } from '../testing/child';

const root = path.resolve(import.meta.dirname, '../..');
const URL_WITH_TOKEN = 'https://hooks.slack.com/services/T0CLI/B0CLI/cli-credential-part';
const SIGNING = 'cli-signing-secret-0123456789';

describe('headroom secrets beside an embedded database', () => {
  let dir: string;
  let embedded: Embedded;
  let db: Db;
  // No key in the environment unless given: the data folder's key is the embedded default.
  const run = (args: string[], keys: Record<string, string> = {}) => collect(spawn(process.execPath, ['bin/headroom.mjs', 'secrets', ...args], {
    cwd: root, timeout: 60_000,
    env: { ...process.env, HEADROOM_DATA_DIR: dir, DATABASE_URL: undefined, HEADROOM_SECRET_KEY: undefined, npm_lifecycle_event: undefined, ...keys },
  }));
  const rows = async () => (await db.$queryRaw<{ config: string }[]>`SELECT config::text AS config FROM channel ORDER BY name`).map((r) => r.config).join('\n');

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hr-secrets-'));
    embedded = await serveEmbedded(dir);
    await applyMigrations(embedded.url);
    db = createDb(embedded.url);
    // Saved in plain text, as every channel was before sealing.
    await db.channel.create({ data: { name: 'a-hook', kind: 'webhook', config: { url: URL_WITH_TOKEN, secret: SIGNING } } });
    await db.channel.create({ data: { name: 'b-slack', kind: 'slack', config: { url: URL_WITH_TOKEN } } });
    await db.channel.create({ data: { name: 'c-relay', kind: 'email', config: { host: 'smtp.example', port: 25, from: 'a@b.example', to: ['c@d.example'] } } });
  });
  afterAll(async () => {
    await db.$disconnect();
    await embedded.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seals the plain rows with a key it keeps in the data folder (0600), and the next run uses the same key', async () => {
    const first = await run(['rotate']);
    expect(first.status, first.stderr).toBe(0);
    const file = path.join(dir, 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const kept = readFileSync(file, 'utf8');
    const id = keyId(decodeKey(kept)!);
    expect(first.stdout).toBe(`resealed 2 channels with key ${id} (they were: 2 in plain text); 1 without secrets\n`);
    expect(await rows()).not.toMatch(/T0CLI|cli-credential-part|cli-signing-secret|hooks\.slack\.com/);

    const again = await run(['rotate']);
    expect(again.stdout).toBe(`resealed 2 channels with key ${id} (they were: 2 with key ${id}); 1 without secrets\n`);
    expect(readFileSync(file, 'utf8')).toBe(kept);
    const status = await run(['status']);
    expect(status.stdout).toBe(`current key: ${id} (${file})\nolder keys: none\nchannels with secrets: 2 with key ${id}\n`);
  }, 120_000);

  it('rotates to a key from the environment with the old one given, audited; then the new key alone opens them', async () => {
    const a = readFileSync(path.join(dir, 'secret.key'), 'utf8').trim();
    const b = randomBytes(32);
    const r = await run(['rotate'], { HEADROOM_SECRET_KEY: b.toString('base64'), HEADROOM_SECRET_KEYS_OLD: a });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`resealed 2 channels with key ${keyId(b)} (they were: 2 with key ${keyId(decodeKey(a)!)}); 1 without secrets\n`);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'secrets.rotate' }, orderBy: { at: 'desc' } });
    expect(audit).toMatchObject({ actor: 'system:cli', detail: { to: keyId(b), resealed: 2 } });
    // A rotation opens every secret before it writes one: with B alone, they all open.
    const alone = await run(['rotate'], { HEADROOM_SECRET_KEY: b.toString('base64') });
    expect(alone.stdout).toBe(`resealed 2 channels with key ${keyId(b)} (they were: 2 with key ${keyId(b)}); 1 without secrets\n`);
  }, 120_000);

  it('refuses to rotate when a row\'s key is missing, naming the key and the channel, and changes nothing', async () => {
    const before = await rows();
    const audits = await db.auditEvent.count();
    const hook = await db.channel.findFirstOrThrow({ where: { name: 'a-hook' } });
    const sealedWith = (hook.config as { url: { kid: string } }).url.kid;
    const r = await run(['rotate'], { HEADROOM_SECRET_KEY: randomBytes(32).toString('hex') });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`headroom: the url of channel "a-hook" is sealed with key ${sealedWith}, which this server does not have`);
    expect(r.stdout).toBe('');
    expect(await rows()).toBe(before);
    expect(await db.auditEvent.count()).toBe(audits);
  }, 120_000);
});
