import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/databases';
import { parseEnv } from '../server/env';
import { createToken } from './create-token';

describe('creating a token', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase('pglite'); });
  afterAll(async () => { await t.close(); });

  it('refuses bad input naming each wrong field, and stores nothing', async () => {
    await expect(createToken(t.db, { name: ' ', scope: 'ingest' })).rejects.toThrow('name: required');
    await expect(createToken(t.db, { name: 'x', scope: 'root' as 'admin' })).rejects.toThrow('scope: must be ingest, read or admin');
    await expect(createToken(t.db, { name: 'x', scope: 'read', hostName: 'db-1' })).rejects.toThrow('hostName: only ingest tokens are bound to a host');
    await expect(createToken(t.db, { name: 'x', scope: 'ingest', maxHosts: 0 })).rejects.toThrow('maxHosts: must be at least 1');
    expect(await t.db.apiToken.count()).toBe(0);
    expect(await createToken(t.db, { name: ' fleet ', scope: 'ingest', hostName: '', maxHosts: 'none' })).toMatchObject({ name: 'fleet', hostName: null, maxHosts: null });
  });

  it('gives an ingest token the default host limit unless told otherwise, and other scopes none', async () => {
    expect(parseEnv({}).HEADROOM_TOKEN_HOST_LIMIT).toBe(100);
    expect((await createToken(t.db, { name: 'default', scope: 'ingest' })).maxHosts).toBe(100);
    expect((await createToken(t.db, { name: 'blank', scope: 'ingest', maxHosts: '' })).maxHosts).toBe(100);
    expect((await createToken(t.db, { name: 'given', scope: 'ingest', maxHosts: '7' })).maxHosts).toBe(7);
    expect((await createToken(t.db, { name: 'reader', scope: 'read' })).maxHosts).toBeNull();
    expect((await createToken(t.db, { name: 'open', scope: 'ingest', maxHosts: null })).maxHosts).toBeNull();
    const stored = await t.db.apiToken.findMany({ where: { name: { in: ['default', 'reader'] } }, orderBy: { name: 'asc' }, select: { maxHosts: true } });
    expect(stored.map((r) => r.maxHosts)).toEqual([100, null]);
    expect(parseEnv({ HEADROOM_TOKEN_HOST_LIMIT: 'None' }).HEADROOM_TOKEN_HOST_LIMIT).toBeNull();
    expect(parseEnv({ HEADROOM_TOKEN_HOST_LIMIT: '2500' }).HEADROOM_TOKEN_HOST_LIMIT).toBe(2500);
    expect(() => parseEnv({ HEADROOM_TOKEN_HOST_LIMIT: '0' })).toThrow(/HEADROOM_TOKEN_HOST_LIMIT: a number of hosts/);
  });
});
