// Sign-in throttling that an attacker cannot turn against a real user: their
// known browser gets in, whoever fails on their account elsewhere, while the
// attacker is slowed more with each failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor, runCommand } from '../commands';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { createUser } from './users';
import { login } from './login';
import { FREE_FAILURES, FIRST_DELAY_MS } from './throttle';

const at = (address: string, device?: string) => ({ address, userAgent: 'test', device });
const refused = { code: 'too_many_requests' };
const wrong = { code: 'unauthorized' };

describe.each(dbKinds)('sign-in throttling on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(kind); });
  afterAll(async () => { await t.close(); });

  it('lets the user in from their known browser while an attacker floods their account, and keeps slowing the attacker', async () => {
    await createUser(t.db, { name: 'erin', role: 'viewer', password: 'erin password 12' });
    const t0 = new Date();
    const { device } = await login(t.db, 'erin', 'erin password 12', at('10.1.0.1'), t0);
    // Forty guesses from forty addresses, then from one: the account and the address are slowed.
    const later = (ms: number) => new Date(t0.getTime() + ms);
    for (let i = 0; i < 40; i++) await login(t.db, 'erin', `guess ${i}`, at(`10.66.0.${i}`), later(1000 + i)).catch(() => {});
    for (let i = 0; i < 10; i++) await login(t.db, 'erin', `guess ${i}`, at('10.66.1.1'), later(2000 + i)).catch(() => {});
    const now = later(3000);
    await expect(login(t.db, 'erin', 'erin password 12', at('10.66.2.1'), now)).rejects.toMatchObject(refused);
    await expect(login(t.db, 'erin', 'erin password 12', at('10.1.0.1', device), now)).resolves.toMatchObject({ device });
    await expect(login(t.db, 'erin', 'erin password 12', at('10.1.0.7', device), now)).resolves.toMatchObject({ device });
    // A made-up device cookie is no pass.
    await expect(login(t.db, 'erin', 'erin password 12', at('10.66.2.2', 'A'.repeat(43)), now)).rejects.toMatchObject(refused);
  });

  it('slows one address on one account with doubling waits, not a lock', async () => {
    await createUser(t.db, { name: 'finn', role: 'viewer', password: 'finn password 12' });
    const t0 = new Date();
    const ms = (n: number) => new Date(t0.getTime() + n);
    for (let i = 0; i < FREE_FAILURES.pair; i++) await expect(login(t.db, 'finn', 'wrong', at('10.77.0.1'), ms(i))).rejects.toMatchObject(wrong);
    const last = FREE_FAILURES.pair - 1;
    await expect(login(t.db, 'finn', 'wrong', at('10.77.0.1'), ms(last + FIRST_DELAY_MS - 1))).rejects.toMatchObject(refused);
    await expect(login(t.db, 'finn', 'wrong', at('10.77.0.1'), ms(last + FIRST_DELAY_MS))).rejects.toMatchObject(wrong);
    const next = last + FIRST_DELAY_MS;
    await expect(login(t.db, 'finn', 'wrong', at('10.77.0.1'), ms(next + 2 * FIRST_DELAY_MS - 1))).rejects.toMatchObject(refused);
    // Another address on the same account is not slowed by this one.
    await expect(login(t.db, 'finn', 'finn password 12', at('10.77.0.2'), ms(next + 1))).resolves.toBeDefined();
  });

  it('slows a known browser by its own failures only, and an admin unlock clears the account', async () => {
    await createUser(t.db, { name: 'gail', role: 'viewer', password: 'gail password 12' });
    const t0 = new Date();
    const { device } = await login(t.db, 'gail', 'gail password 12', at('10.2.0.1'), t0);
    for (let i = 0; i < FREE_FAILURES.device; i++) await login(t.db, 'gail', 'wrong', at('10.2.0.1', device), new Date(t0.getTime() + 1 + i)).catch(() => {});
    const now = new Date(t0.getTime() + 100);
    await expect(login(t.db, 'gail', 'gail password 12', at('10.2.0.1', device), now)).rejects.toMatchObject(refused);
    await expect(login(t.db, 'gail', 'gail password 12', at('10.2.0.2'), now)).resolves.toBeDefined();
    await runCommand('user.unlock', cliActor, { user: 'GAIL' }, { db: t.db });
    await expect(login(t.db, 'gail', 'gail password 12', at('10.2.0.1', device), now)).resolves.toBeDefined();
    expect(await t.db.auditEvent.findFirst({ where: { action: 'user.unlock', target: 'user:gail', actor: 'system:cli' } })).not.toBeNull();
  });
});
