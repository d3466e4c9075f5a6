// Use by container, as the host page's "Top containers" and its per-container
// charts show it and GET /api/v1/hosts/{id}/containers answers it: names from
// Docker, compose and Kubernetes, the moment view, the top containers' series.
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/v1/hosts/[id]/containers/route';
import { postReport } from '../testing/http';
import { containersOf, makeReport } from '../testing/report-factory';
import { useRouteApi } from '../testing/route-database';

const pod = { namespace: 'ci', name: 'runner-7f9c', uid: '2f0b5c1e-8d1a-4a53-9d39-3f7a0e3c2b11', container: 'buildkitd' };
const sixty = 'a'.repeat(64);

describe.each(['postgres', 'pglite'] as const)('use by container on %s', (kind) => {
  const api = useRouteApi(kind);
  const get = (id: string, query = '', token = api.token.read) =>
    GET(new Request(`http://test/api/v1/hosts/${id}/containers${query}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id }) });

  it('answers the latest and an earlier moment by container, the top containers\' series, and refuses what it cannot answer', async () => {
    const t0 = Date.now() - 10 * 60_000;
    const send = async (min: number, builder: number) => (await (await postReport(makeReport({
      hostName: 'k8s-node-3', collectedAt: new Date(t0 + min * 60_000),
      byContainer: containersOf([
        { id: sixty, runtime: 'containerd', image: 'moby/buildkit:v0.20.0', pod, instances: builder, watches: 40 * builder, processes: 2 },
        { id: 'b'.repeat(64), name: 'web-1', image: 'nginx:1.27', composeProject: 'shop', instances: 2, watches: 30 },
      ], { instances: 9, watches: 300, processes: 80 }, { containers: 118, instances: 118, watches: 900, processes: 240 }),
    }), api.token.ingest)).json()) as { hostId: string };
    const { hostId } = await send(0, 10);
    await send(2, 20);
    await send(4, 30);

    const latest = await (await get(hostId)).json() as { at: string; containers: { display: string; instances: number }[]; rest: { containers: number }; hostItself: { instances: number }; series: { instances: { label: string }[]; points: { at: string; ci0?: number }[] } };
    expect(latest.at).toBe(new Date(t0 + 4 * 60_000).toISOString());
    expect(latest.containers.map((c) => [c.display, c.instances])).toEqual([['ci/runner-7f9c (buildkitd)', 30], ['web-1', 2]]);
    expect(latest.rest.containers).toBe(118);
    expect(latest.hostItself.instances).toBe(9);
    expect(latest.series.instances.map((l) => l.label)).toEqual(['ci/runner-7f9c (buildkitd)', 'web-1']);
    expect(latest.series.points.map((p) => p.ci0).filter((v) => v !== undefined)).toEqual(expect.arrayContaining([10, 20, 30]));

    const earlier = await (await get(hostId, `?at=${t0 + 3 * 60_000}`)).json() as { at: string; containers: { instances: number }[] };
    expect(earlier.at).toBe(new Date(t0 + 2 * 60_000).toISOString());
    expect(earlier.containers[0]!.instances).toBe(20);

    expect((await get(hostId, '?range=1y')).status).toBe(400);
    expect((await get('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get(hostId, '', api.token.ingest)).status).toBe(403);
  });

  it('says so for an agent that does not report use by container', async () => {
    const { hostId } = (await (await postReport(makeReport({ hostName: 'old-agent' }), api.token.ingest)).json()) as { hostId: string };
    expect(await (await get(hostId)).json()).toMatchObject({ containers: null, rest: null, hostItself: null, series: { instances: [], watches: [] } });
  });
});
