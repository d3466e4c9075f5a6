// The failure itself, for real: inside a user namespace whose inotify instance
// limit the test lowered, instances are added one at a time; the agent's reports
// must make the host warning, then critical, before inotify_init1 fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostList } from '../lib/protocol';
import { report as reportSchema } from '../lib/protocol';
import { setDbForTests } from '../lib/server/db/client';
import { createToken } from '../lib/access';
import { openTestDatabase, type TestDatabase } from '../lib/testing/databases';
import { getHosts, postReport } from '../lib/testing/http';
import { startHolder, type Holder } from './testdata/holder';

const UID = 4242; // unprivileged outside: only the holder's processes are "root" inside

describe('agent in a user namespace with max_inotify_instances lowered', () => {
  let holder: Holder;
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    setDbForTests(t.db);
  });
  afterAll(async () => {
    holder?.close();
    setDbForTests(undefined);
    await t.close();
  });

  it('reports the lowered limit, its source and exact per-UID counts', async () => {
    holder = await startHolder({ userns: { uid: UID, maxInstances: 10, maxWatches: 500 } });
    for (const w of [5, 5, 0]) expect(await holder.inotify(w)).toBe('ok');
    const r = reportSchema.parse(await holder.agentReport());
    expect(r.inotify).toMatchObject({ maxUserInstances: 10, instancesSource: 'user-namespace', maxUserWatches: 500, watchesSource: 'user-namespace' });
    expect(r.uids.find((u) => u.uid === 0)).toMatchObject({ instances: 3, watches: 10 });
    expect(r.processes.find((p) => p.pid === holder.pid)).toMatchObject({ inotifyInstances: 3, inotifyWatches: 10, euid: 0 });
    // Other users' fd tables are closed to an unprivileged agent: skipped and counted, not fatal.
    expect(r.scan.skipped.denied).toBeGreaterThan(0);
    holder.close();
  });

  it('turns the host warning then critical on the API before a new watcher fails with EMFILE', async () => {
    holder = await startHolder({ userns: { uid: UID, maxInstances: 10 } });
    const { token } = await createToken(t.db, { name: 'userns', scope: 'ingest' });
    const read = (await createToken(t.db, { name: 'reader', scope: 'read' })).token;
    const statuses: string[] = [];
    let failedAt = 0;
    for (let step = 1; step <= 12; step++) {
      const answer = await holder.inotify(1);
      if (answer !== 'ok') {
        expect(answer).toBe('err EMFILE');
        failedAt = step;
        break;
      }
      const r = await holder.agentReport('--host-name', 'userns-host');
      expect((await postReport(r, token)).status).toBe(202);
      const hosts = hostList.parse(await (await getHosts(read)).json()).hosts;
      statuses.push(hosts.find((h) => h.name === 'userns-host')!.status);
    }
    expect(failedAt).toBe(11); // the 11th inotify_init1 fails: limit 10
    expect(statuses).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'warning', 'critical', 'critical']);
  });
});
