import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/databases';
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
});
