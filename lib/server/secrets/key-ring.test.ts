import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnv } from '../env';
import { embeddedKey, KEY_FILE, keyRing, processKeyRing } from './key-ring';
import { decodeKey, keyId } from './key-text';
import { open, seal } from './seal';

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'hr-key-'));
  dirs.push(d);
  return d;
};
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('the key ring', () => {
  it('reads a key as base64 or hex, and nothing shorter or longer', () => {
    const key = Buffer.alloc(32, 7);
    expect(decodeKey(key.toString('base64'))).toEqual(key);
    expect(decodeKey(`${key.toString('hex')}\n`)).toEqual(key);
    expect(decodeKey(Buffer.alloc(31).toString('base64'))).toBeNull();
    expect(decodeKey(Buffer.alloc(33).toString('hex'))).toBeNull();
    expect(decodeKey('a passphrase someone typed in')).toBeNull();
  });

  it('for the embedded database makes a key in the data folder, 0600 whatever the umask, and keeps it', () => {
    const dir = path.join(fresh(), 'data');
    const umask = process.umask(0);
    try {
      const e = parseEnv({ HEADROOM_DATA_DIR: dir });
      const ring = processKeyRing(e);
      const file = path.join(dir, KEY_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(ring.current!.id).toBe(keyId(decodeKey(readFileSync(file, 'utf8'))!));
      // The next start (lib/cli/secrets.test.ts: another process) reads the same key and leaves the file be.
      const kept = readFileSync(file, 'utf8');
      expect(keyId(embeddedKey(dir))).toBe(ring.current!.id);
      expect(readFileSync(file, 'utf8')).toBe(kept);
    } finally {
      process.umask(umask);
    }
  });

  it('takes HEADROOM_SECRET_KEY over the data folder, and keeps no key of its own beside a Postgres server', () => {
    const dir = fresh();
    const key = Buffer.alloc(32, 1);
    expect(processKeyRing(parseEnv({ HEADROOM_DATA_DIR: dir, HEADROOM_SECRET_KEY: key.toString('base64') })).current!.id).toBe(keyId(key));
    const server = processKeyRing(parseEnv({ HEADROOM_DATA_DIR: dir, DATABASE_URL: 'postgres://db/headroom' }));
    expect(server.current).toBeNull();
    expect(() => statSync(path.join(dir, KEY_FILE))).toThrow();
  });

  it('beside a Postgres server, makes and keeps the key in HEADROOM_SECRET_KEY_FILE when given one', () => {
    const file = path.join(fresh(), 'keys', 'secret.key');
    const e = { HEADROOM_DATA_DIR: fresh(), DATABASE_URL: 'postgres://db/headroom', HEADROOM_SECRET_KEY_FILE: file };
    const made = processKeyRing(parseEnv(e)).current!;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(made.id).toBe(keyId(decodeKey(readFileSync(file, 'utf8'))!));
    expect(processKeyRing(parseEnv({ ...e })).current!.id).toBe(made.id);
  });

  it('refuses a key file that holds no key, naming it', () => {
    const dir = fresh();
    writeFileSync(path.join(dir, KEY_FILE), 'hunter2\n');
    expect(() => embeddedKey(dir)).toThrow(`${path.join(dir, KEY_FILE)} does not hold a 32-byte key`);
  });

  it('opens with an old key what it sealed, and seals only with the current one', () => {
    const [a, b] = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)];
    const sealed = seal(keyRing(a), 'the secret', 'ctx');
    expect(sealed.kid).toBe(keyId(a));
    expect(open(keyRing(b, [a]), sealed, 'ctx')).toBe('the secret');
    expect(seal(keyRing(b, [a]), 'x', 'ctx').kid).toBe(keyId(b));
    expect(() => open(keyRing(b), sealed, 'ctx', 'the test value')).toThrow(`the test value is sealed with key ${keyId(a)}, which this server does not have`);
    expect(() => open(keyRing(a), sealed, 'another ctx', 'it')).toThrow(`it does not open with key ${keyId(a)}`);
  });
});
