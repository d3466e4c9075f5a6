// A token's host limit under concurrent batches: enrolment under one token is
// counted one batch at a time, whichever connection (or replica) writes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openTestDatabase, type TestDatabase } from '../../testing/databases';
import { makeReport } from '../../testing/report-factory';
import { createToken } from '../services/create-token';
import { hostLimit } from '../services/token-host-limit';
import { prepare } from './prepare';
import { writeBatch } from './write-batch';

describe('host limits as typed', () => {
  it('reads blank and "none" as no limit, and refuses what is not a whole number of hosts', () => {
    expect(['', ' none ', 'NONE'].map((v) => hostLimit.parse(v))).toEqual([null, null, null]);
    expect(hostLimit.parse('25')).toBe(25);
    for (const bad of ['0', '-3', '2.5', 'ten', '1e9']) expect(hostLimit.safeParse(bad).success, bad).toBe(false);
  });
});

describe.each(dbKinds)('host limit on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(kind); });
  afterAll(async () => { await t.close(); });

  it('enrols exactly the limit when many new hosts arrive in parallel batches', async () => {
    const token = await createToken(t.db, { name: 'shared', scope: 'ingest', maxHosts: 3 });
    const enrol = { tokenId: token.id, tokenName: token.name, maxHosts: 3 };
    const batch = (k: number) => [0, 1].map((i) => prepare(makeReport({ hostName: `par-${k}-${i}` }), new Date(), undefined, enrol));
    // Eight batches at once, sixteen new hosts: on Postgres they run on several pool connections.
    const results = (await Promise.all([...Array(8).keys()].map((k) => writeBatch(t.db, batch(k))))).flat();
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).map((r) => String((r as { error: unknown }).error))).toEqual(Array(13).fill(expect.stringMatching(/has enrolled the 3 hosts/)));
    expect(await t.db.host.count({ where: { enrolledBy: token.id } })).toBe(3);
    expect(await t.db.host.count({ where: { name: { startsWith: 'par-' } } })).toBe(3);
  });

  it('answers each report of a mixed batch for itself', async () => {
    const token = await createToken(t.db, { name: 'one', scope: 'ingest', maxHosts: 1 });
    const enrol = { tokenId: token.id, tokenName: token.name, maxHosts: 1 };
    const open = { tokenId: (await createToken(t.db, { name: 'open', scope: 'ingest' })).id, tokenName: 'open', maxHosts: null };
    const [a, b, c, a2] = await writeBatch(t.db, [
      prepare(makeReport({ hostName: 'mix-a' }), new Date(), undefined, enrol),
      prepare(makeReport({ hostName: 'mix-b' }), new Date(), undefined, enrol),
      prepare(makeReport({ hostName: 'mix-c' }), new Date(), undefined, open),
      prepare(makeReport({ hostName: 'mix-a', collectedAt: new Date(Date.now() - 15_000) }), new Date(), undefined, enrol),
    ]);
    expect([a!.ok, b!.ok, c!.ok, a2!.ok]).toEqual([true, false, true, true]);
    expect(a2!.ok && a!.ok && a2!.value.hostId).toBe(a!.ok && a!.value.hostId);
    expect(await t.db.report.count({ where: { host: { name: { in: ['mix-a', 'mix-c'] } } } })).toBe(3);
  });
});
