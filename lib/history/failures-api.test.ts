// GET /api/v1/hosts/{id}/failures: what the host page's table lists, for scripts.
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/v1/hosts/[id]/failures/route';
import { postReport } from '../testing/http';
import { failuresOf, makeReport } from '../testing/report-factory';
import { useRouteApi } from '../testing/route-database';

describe.each(['postgres', 'pglite'] as const)('the failures API on %s', (kind) => {
  const api = useRouteApi(kind);
  const get = (id: string, query = '', token = api.token.read) =>
    GET(new Request(`http://test/api/v1/hosts/${id}/failures${query}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id }) });

  it('answers a host\'s failed calls with the limit each ran into, and refuses what it cannot answer', async () => {
    const at = new Date(Date.now() - 30_000);
    const r = makeReport({ hostName: 'api-builder', collectedAt: at, failures: failuresOf([{ count: 3, container: 'buildkit-builder', at }]) });
    const { hostId } = (await (await postReport(r, api.token.ingest)).json()) as { hostId: string };
    const res = await get(hostId);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      host: { id: hostId, name: 'api-builder' }, capture: { on: true, reason: null }, total: 3, dropped: 0, lines: 1,
      failures: [{ at: at.toISOString(), call: 'inotify_init1', errno: 'EMFILE', program: 'buildkitd', pid: 4242, uid: 0, user: 'root',
        containerName: 'buildkit-builder', count: 3, limit: 'inotifyInstances', advice: expect.stringContaining('fs.inotify.max_user_instances') }],
    });
    expect(((await (await get(hostId, `?from=${Date.now() - 20_000}&to=${Date.now()}`)).json()) as { total: number }).total).toBe(0);
    expect((await get(hostId, '?range=1y')).status).toBe(400);
    expect((await get('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get(hostId, '', api.token.ingest)).status).toBe(403);
  });
});
