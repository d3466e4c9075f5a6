// Pages on a real streaming standby: the fleet, a host's history and the alert
// lists read it, so a replica that lags shows the fleet as it was; a user who
// just changed something reads the primary, and sees the change at once.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setLabelsAction } from '@/app/(app)/hosts/[id]/actions';
import { GET as hostsGet } from '@/app/api/v1/hosts/route';
import { createSession, createUser } from '../access';
import { cliActor, runCommand } from '../commands';
import { setDbForTests } from '../server/db/client';
import { replicaOf, setReadReplicaForTests } from '../server/db/read';
import { openTestDatabase, type TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { testPrincipal } from '../testing/principal';
import { startStandby, type Standby } from '../testing/standby';
import { until } from '../testing/wait';
import { ingestReport } from '../ingest';
import { fleetPage, hostPage } from '.';

// Only the request plumbing is stood in for: a browser's cookie jar.
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => { jar.set(name, value); },
    delete: (name: string) => { jar.delete(name); },
  }),
  headers: async () => new Headers({ 'user-agent': 'replica test', host: 'localhost' }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

let t: TestDatabase;
let standby: Standby;
let replica: ReturnType<typeof replicaOf>;
let readToken: string;
const admin = { id: '', name: 'ada', role: 'admin' as const };

const fleetNames = async () => (await fleetPage(admin, {}).hosts).page.hosts.map((h) => h.name).sort();
const apiNames = async () => {
  const r = await hostsGet(new Request('http://x/api/v1/hosts', { headers: { authorization: `Bearer ${readToken}` } }));
  return ((await r.json()) as { hosts: { name: string }[] }).hosts.map((h) => h.name).sort();
};

beforeAll(async () => {
  t = await openTestDatabase('postgres');
  setDbForTests(t.db);
  const user = await createUser(t.db, { name: 'ada', role: 'admin', password: 'a long enough password' });
  admin.id = user.id;
  jar.set('headroom_session', (await createSession(t.db, user.id, { address: null, userAgent: null })).secret);
  readToken = (await runCommand('token.create', cliActor, { name: 'reader', scope: 'read' }, { db: t.db })).token;
  await ingestReport(t.db, testPrincipal, makeReport({ hostName: 'before' }));
  standby = await startStandby();
  replica = replicaOf(standby.urlFor(t.url), { maxLagSeconds: 600, checkEveryMs: 0 });
  setReadReplicaForTests(replica);
  await until('the standby to serve the fleet', async () => (await replica.refresh(), replica.state().usable) && (await fleetNames()).includes('before'), 60_000);
}, 180_000);

afterAll(async () => {
  setReadReplicaForTests(undefined);
  await replica?.close();
  standby?.remove();
  setDbForTests(undefined);
  await t?.close();
});

describe('pages on a read replica', () => {
  it('shows the fleet as the replica has it, and the primary\'s to a user who just made a change', async () => {
    await standby.pauseReplay();
    try {
      await ingestReport(t.db, testPrincipal, makeReport({ hostName: 'after' }));
      // The replica has not applied the new host: lag-tolerant reads do not see it yet.
      expect(await fleetNames()).toEqual(['before']);
      expect(await apiNames()).toEqual(['before']);
      // The user changes something: their next pages read the primary.
      const host = await t.db.host.findFirstOrThrow({ where: { name: 'before' } });
      const form = new FormData();
      form.set('hostId', host.id);
      form.set('labels', 'db');
      expect(await setLabelsAction({ ok: false }, form)).toMatchObject({ ok: true });
      expect(jar.has('headroom_fresh')).toBe(true);
      expect(await fleetNames()).toEqual(['after', 'before']);
      expect((await hostPage(admin, host.id, {}))?.labels.labels).toEqual(['db']);
      // Someone else's request (no fresh cookie) still reads the lagging replica.
      jar.delete('headroom_fresh');
      expect(await fleetNames()).toEqual(['before']);
    } finally {
      await standby.resumeReplay();
    }
    await until('the replica to catch up', async () => (await fleetNames()).length === 2, 20_000);
  });
});
