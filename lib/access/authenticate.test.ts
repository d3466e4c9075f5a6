import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/databases';
import { authenticate, TOKEN_CACHE_MS } from './authenticate';
import { createToken } from './create-token';
import { revokeToken } from './revoke-token';

describe('token checks', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase('pglite'); });
  afterAll(async () => { await t.close(); });

  it('looks a valid token up once per cache period, and honours a revocation made elsewhere after it', async () => {
    const { token: secret } = await createToken(t.db, { name: 'agents', scope: 'ingest' });
    const bearer = `Bearer ${secret}`;
    const t0 = new Date();
    await authenticate(t.db, bearer, 'ingest', t0);
    // Another replica revokes it: this one trusts its cache for at most TOKEN_CACHE_MS.
    await t.db.apiToken.updateMany({ data: { revokedAt: new Date() } });
    await expect(authenticate(t.db, bearer, 'ingest', new Date(t0.getTime() + 1000))).resolves.toMatchObject({ name: 'agents' });
    await expect(authenticate(t.db, bearer, 'ingest', new Date(t0.getTime() + TOKEN_CACHE_MS + 1))).rejects.toThrow('token revoked');
  });

  it('refuses a token revoked on this replica at once', async () => {
    const { token: secret } = await createToken(t.db, { name: 'ci', scope: 'ingest' });
    await authenticate(t.db, `Bearer ${secret}`, 'ingest');
    await revokeToken(t.db, 'ci');
    await expect(authenticate(t.db, `Bearer ${secret}`, 'ingest')).rejects.toThrow('token revoked');
  });
});
