// GET /api/v1/hosts/{id} and /series through the real route handlers, each
// answer checked against its OpenAPI schema, on both databases.
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { GET as hostGet } from '@/app/api/v1/hosts/[id]/route';
import { GET as seriesGet } from '@/app/api/v1/hosts/[id]/series/route';
import { openApiDocument, type HostDetail, type HostSeriesAnswer } from '../protocol';
import { postReport } from '../testing/http';
import { containersOf, makeReport } from '../testing/report-factory';
import { useRouteApi } from '../testing/route-database';

const doc = openApiDocument('test');
const ajv = new Ajv2020({ strict: false, allErrors: true });
const problems = (name: 'HostDetail' | 'HostSeries' | 'Error', value: unknown) => {
  const validate = ajv.compile(doc.components.schemas[name] as object);
  return validate(value) ? null : JSON.stringify(validate.errors?.slice(0, 3));
};

describe.each(['postgres', 'pglite'] as const)('one host through the API on %s', (kind) => {
  const api = useRouteApi(kind);
  const call = (route: typeof hostGet, path: string, id: string, token: string | null = api.token.read) =>
    route(new Request(`http://test/api/v1/hosts/${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), { params: Promise.resolve({ id }) });

  it('answers a host with its facts, limits and their sources, latest report, advice and flags', async () => {
    const t0 = Date.now() - 20 * 60_000;
    let hostId = '';
    for (let m = 0; m <= 20; m += 2) {
      const r = makeReport({ hostName: 'api-builder', collectedAt: new Date(t0 + m * 60_000), instances: 60 + 2 * m, byContainer: containersOf([{ id: 'c'.repeat(64), name: 'buildkit', instances: 40 }]) });
      hostId = ((await (await postReport({ ...r, inotify: { ...r.inotify, instancesSource: 'user-namespace' } }, api.token.ingest)).json()) as { hostId: string }).hostId;
    }
    const res = await call(hostGet, hostId, hostId);
    expect(res.status).toBe(200);
    const body = (await res.json()) as HostDetail;
    expect(problems('HostDetail', body)).toBeNull();
    expect(body.host).toMatchObject({ id: hostId, name: 'api-builder' });
    expect(body.host.dimensions.inotifyInstances.used).toBe(100);
    expect(body.facts).toMatchObject({ kernel: expect.any(String), intervalSeconds: 15 });
    expect(body.limits!.inotifyInstances).toEqual({ value: 128, source: 'user-namespace' });
    expect(body.limits!.fileMax).toBeGreaterThan(0);
    expect(body.latest!.uids[0]).toMatchObject({ uid: 0, instances: 100 });
    expect(body.latest!.byContainer!.containers[0]).toMatchObject({ name: 'buildkit', instances: 40 });
    // 100 of 128 at the peak of the last hour: the page's advice, raise the limit.
    expect(body.advice.map((a) => a.title).join(' | ')).toMatch(/max_user_instances/);
    expect(body.flags).toMatchObject({ machineChange: null });
  });

  it('answers the series the charts draw, at the resolution the range picks', async () => {
    const t0 = Date.now() - 10 * 60_000;
    let hostId = '';
    for (let m = 0; m <= 10; m++) {
      hostId = ((await (await postReport(makeReport({ hostName: 'api-series', collectedAt: new Date(t0 + m * 60_000), instances: 10 + m }), api.token.ingest)).json()) as { hostId: string }).hostId;
    }
    const res = await call(seriesGet, `${hostId}/series?range=1h`, hostId);
    expect(res.status).toBe(200);
    const body = (await res.json()) as HostSeriesAnswer;
    expect(problems('HostSeries', body)).toBeNull();
    expect(body.resolution).toBe('raw');
    expect(body.points.map((p) => p.inotifyInstancesUsed)).toEqual(Array.from({ length: 11 }, (_, m) => 10 + m));
    expect(body.uids.instances).toEqual([{ uid: 0, user: 'root' }]);
    const month = (await (await call(seriesGet, `${hostId}/series?range=30d`, hostId)).json()) as HostSeriesAnswer;
    expect(month.resolution).not.toBe('raw');
    const window = (await (await call(seriesGet, `${hostId}/series?from=${t0 + 4 * 60_000 - 1}&to=${t0 + 6 * 60_000 + 1}`, hostId)).json()) as HostSeriesAnswer;
    expect(window.points.map((p) => p.inotifyInstancesUsed)).toEqual([14, 15, 16]);
  });

  it('refuses what it cannot answer, clearly: no token, a wrong scope, an unknown host, a bad window', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const none = await call(hostGet, id, id, null);
    expect(none.status).toBe(401);
    expect(problems('Error', await none.json())).toBeNull();
    expect((await call(hostGet, id, id, api.token.ingest)).status).toBe(403);
    const missing = await call(hostGet, id, id);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toBe('no such host');
    expect((await call(seriesGet, `${id}/series`, id)).status).toBe(404);
    expect((await call(hostGet, 'not-an-id', 'not-an-id')).status).toBe(404);
    const bad = await call(seriesGet, `${id}/series?from=9&to=3`, id);
    expect(bad.status).toBe(400);
  });
});
