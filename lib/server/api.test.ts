// Ingest → database → API, through the real route handlers, on PGlite and on Postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, hostList, ingestAccepted } from '../protocol';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { getHosts, postReport } from '../testing/http';
import { makeReport } from '../testing/report-factory';
import { setDbForTests } from './db/client';
import { createToken } from '../access';
import { hostMoment } from '../history';
import { uidSeries } from '../history';
import { listTokens } from '../access';
import { revokeToken } from '../access';
import { setTokenHostLimit } from '../access';

describe.each(dbKinds)('API on %s', (kind) => {
  let t: TestDatabase;
  let ingest: string;
  let read: string;
  const reportCount = () => t.db.report.count();

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    setDbForTests(t.db);
    ingest = (await createToken(t.db, { name: 'agents', scope: 'ingest' })).token;
    read = (await createToken(t.db, { name: 'dashboards', scope: 'read' })).token;
  });
  afterAll(async () => {
    setDbForTests(undefined);
    await t.close();
  });

  async function expectError(res: Response, status: number, code: string) {
    expect(res.status).toBe(status);
    const body = apiError.parse(await res.json());
    expect(body.error.code).toBe(code);
    return body;
  }

  it('stores a report, answers 202 with its id, and lists the host', async () => {
    const r = makeReport({ hostName: 'ci-runner-1', instances: 64, instanceLimit: 128 });
    const res = await postReport(r, ingest);
    expect(res.status).toBe(202);
    const accepted = ingestAccepted.parse(await res.json());
    expect(accepted).toMatchObject({ reportId: r.reportId, duplicate: false });
    const stored = await t.db.report.findFirstOrThrow({ where: { hostId: accepted.hostId, collectedAt: new Date(r.collectedAt) } });
    expect(stored.inotifyInstancesUsed).toBe(64);

    const list = hostList.parse(await (await getHosts(read)).json());
    const host = list.hosts.find((h) => h.name === 'ci-runner-1');
    expect(host).toMatchObject({ status: 'ok', panicRisk: false, id: accepted.hostId });
    expect(host!.dimensions.inotifyInstances).toEqual({ used: 64, limit: 128, fraction: 0.5 });
    expect(host!.lastSeen).not.toBeNull();
  });

  it('stores a user above 2^31 (a directory-mapped UID) and reads it back as the kernel numbers it', async () => {
    const big = 3_000_000_123;
    const r = makeReport({ hostName: 'sssd-host' });
    r.uids = [{ uid: big, user: 'ad.user', instances: 120, watches: 7 }, { uid: 0, user: 'root', instances: 3, watches: 1 }];
    r.processes = [{ ...r.processes[0]!, euid: big, inotifyInstances: 120 }];
    const res = await postReport(r, ingest);
    expect(res.status).toBe(202);
    const { hostId } = ingestAccepted.parse(await res.json());
    const at = new Date(r.collectedAt);
    const moment = await hostMoment(t.db, hostId, at);
    expect(moment!.uids.map((u) => [u.uid, u.user])).toEqual([[big, 'ad.user'], [0, 'root']]);
    const series = await uidSeries(t.db, hostId, new Date(at.getTime() - 60_000), new Date(at.getTime() + 60_000), 15);
    expect(series.instances[0]).toEqual({ uid: big, user: 'ad.user' });
    expect(series.points.some((p) => p[`i${big}`] === 120)).toBe(true);
  });

  it('stores a resent report once', async () => {
    const r = makeReport();
    expect((await postReport(r, ingest)).status).toBe(202);
    const before = await reportCount();
    const again = await postReport(r, ingest);
    expect(again.status).toBe(202);
    expect(ingestAccepted.parse(await again.json()).duplicate).toBe(true);
    expect(await reportCount()).toBe(before);
  });

  it('does not let an older report rewind the current state', async () => {
    const name = 'rewind-host';
    const newer = makeReport({ hostName: name, instances: 120, collectedAt: new Date() });
    const older = makeReport({ hostName: name, instances: 1, collectedAt: new Date(Date.now() - 60_000) });
    await postReport(newer, ingest);
    await postReport(older, ingest);
    const host = hostList.parse(await (await getHosts(read)).json()).hosts.find((h) => h.name === name)!;
    expect(host.dimensions.inotifyInstances.used).toBe(120);
    expect(host.status).toBe('critical');
  });

  it('lists hosts worst first with their status', async () => {
    await postReport(makeReport({ hostName: 'z-warning', instances: 105, instanceLimit: 128 }), ingest);
    await postReport(makeReport({ hostName: 'a-critical', instances: 125, instanceLimit: 128 }), ingest);
    const hosts = hostList.parse(await (await getHosts(read)).json()).hosts;
    const statuses = hosts.map((h) => h.status);
    expect(statuses.indexOf('critical')).toBeLessThan(statuses.indexOf('warning'));
    expect(statuses.lastIndexOf('warning')).toBeLessThan(statuses.indexOf('ok'));
    expect(hosts.find((h) => h.name === 'z-warning')!.status).toBe('warning');
  });

  describe('refuses bad input and changes nothing', () => {
    it('malformed JSON → 400', async () => {
      const before = await reportCount();
      await expectError(await postReport(null, ingest, { raw: '{"protocolVersion": 1,' }), 400, 'invalid_json');
      expect(await reportCount()).toBe(before);
    });

    it('schema violation → 422 naming the field', async () => {
      const before = await reportCount();
      const r = makeReport();
      (r.uids[0] as { instances: number }).instances = -5;
      const body = await expectError(await postReport(r, ingest), 422, 'invalid_report');
      expect(body.error.issues?.[0]?.path).toBe('uids.0.instances');
      expect(await reportCount()).toBe(before);
    });

    it('body over the size limit → 413', async () => {
      const before = await reportCount();
      const r = { ...makeReport(), padding: 'x'.repeat(1024 * 1024 + 10) };
      await expectError(await postReport(r, ingest), 413, 'payload_too_large');
      expect(await reportCount()).toBe(before);
    });

    it('wrong content type → 415', async () => {
      await expectError(await postReport(makeReport(), ingest, { contentType: 'text/plain' }), 415, 'unsupported_media_type');
    });

    it('missing, malformed, unknown and revoked tokens → 401', async () => {
      const before = await reportCount();
      await expectError(await postReport(makeReport(), null), 401, 'unauthorized');
      await expectError(await postReport(makeReport(), 'not-a-token'), 401, 'unauthorized');
      await expectError(await postReport(makeReport(), `hr_ingest_${'A'.repeat(43)}`), 401, 'unauthorized');
      const doomed = await createToken(t.db, { name: 'doomed', scope: 'ingest' });
      expect((await postReport(makeReport(), doomed.token)).status).toBe(202);
      await revokeToken(t.db, doomed.id);
      const body = await expectError(await postReport(makeReport(), doomed.token), 401, 'unauthorized');
      expect(body.error.message).toBe('token revoked');
      expect(await reportCount()).toBe(before + 1);
    });

    it('a read token cannot ingest, an ingest token cannot read → 403', async () => {
      await expectError(await postReport(makeReport(), read), 403, 'forbidden');
      await expectError(await getHosts(ingest), 403, 'forbidden');
      await expectError(await getHosts(null), 401, 'unauthorized');
    });

    it('a token bound to one host cannot report another', async () => {
      const bound = await createToken(t.db, { name: 'bound', scope: 'ingest', hostName: 'db-1' });
      expect((await postReport(makeReport({ hostName: 'db-1' }), bound.token)).status).toBe(202);
      await expectError(await postReport(makeReport({ hostName: 'db-2' }), bound.token), 403, 'forbidden');
      expect(await t.db.host.count({ where: { name: 'db-2' } })).toBe(0);
    });

    it('a token at its host limit cannot enrol another host, and its hosts keep reporting', async () => {
      const capped = await createToken(t.db, { name: 'capped', scope: 'ingest', maxHosts: 2 });
      for (const name of ['cap-1', 'cap-2']) expect((await postReport(makeReport({ hostName: name }), capped.token)).status).toBe(202);
      const body = await expectError(await postReport(makeReport({ hostName: 'cap-3' }), capped.token), 403, 'forbidden');
      expect(body.error.message).toMatch(/token "capped" has enrolled the 2 hosts it may/);
      expect(await t.db.host.count({ where: { name: 'cap-3' } })).toBe(0);
      expect((await postReport(makeReport({ hostName: 'cap-1' }), capped.token)).status).toBe(202);
      // A host another token enrolled is neither this token's to count nor to write.
      const foreign = await expectError(await postReport(makeReport({ hostName: 'ci-runner-1' }), capped.token), 403, 'forbidden');
      expect(foreign.error.message).toMatch(/belongs to another ingest token/);
      await setTokenHostLimit(t.db, capped.id, 3);
      expect((await postReport(makeReport({ hostName: 'cap-3' }), capped.token)).status).toBe(202);
      expect((await listTokens(t.db)).find((x) => x.id === capped.id)).toMatchObject({ hostsEnrolled: 3, maxHosts: 3 });
    });
  });
});
