// What `headroom serve` does at start with channels saved before sealing existed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyRing, processKeyRing } from '../server/secrets/key-ring';
import { openTestDatabase, type TestDatabase } from '../testing/databases';
import { sealPlainSecrets } from './seal-secrets';

describe('sealing plain channel secrets at start', () => {
  let t: TestDatabase;
  const plainText = async () => (await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM channel WHERE config::text LIKE '%T0START%'`)[0]!.n;
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    await t.db.channel.create({ data: { name: 'old', kind: 'slack', config: { url: 'https://hooks.slack.com/services/T0START/B0/x' } } });
  });
  afterAll(() => t.close());

  it('warns, changing nothing, where there is no key to seal with', async () => {
    expect(await sealPlainSecrets(t.db, keyRing(null))).toMatch(/^warning: 1 channel\(s\) keep their secrets in plain text; set HEADROOM_SECRET_KEY/);
    expect(await plainText()).toBe(1);
  });

  it('seals them with the current key, audited, and has nothing to say the next time', async () => {
    const ring = processKeyRing();
    expect(await sealPlainSecrets(t.db, ring)).toBe(`sealed the secrets of 1 channel(s) saved in plain text, with key ${ring.current!.id}`);
    expect(await plainText()).toBe(0);
    expect(await t.db.auditEvent.findFirstOrThrow({ where: { action: 'secrets.rotate' } })).toMatchObject({ actor: 'system:cli', detail: { plainOnly: true, resealed: 1 } });
    expect(await sealPlainSecrets(t.db, ring)).toBeNull();
  });
});
