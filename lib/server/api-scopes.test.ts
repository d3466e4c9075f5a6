// Every mutating API route refuses a read token (403) and a missing token (401),
// and changes nothing when it does.
import { describe, expect, it } from 'vitest';
import { POST as ack } from '@/app/api/v1/alerts/[id]/acknowledge/route';
import { POST as channelTest } from '@/app/api/v1/channels/[id]/test/route';
import { DELETE as channelDelete } from '@/app/api/v1/channels/[id]/route';
import { POST as channelsPost } from '@/app/api/v1/channels/route';
import { PUT as labelsPut } from '@/app/api/v1/hosts/[id]/labels/route';
import { DELETE as hostDelete } from '@/app/api/v1/hosts/[id]/route';
import { POST as reportsPost } from '@/app/api/v1/reports/route';
import { DELETE as ruleDelete, PUT as rulePut } from '@/app/api/v1/rules/[id]/route';
import { POST as rulesPost } from '@/app/api/v1/rules/route';
import { DELETE as silenceDelete } from '@/app/api/v1/silences/[id]/route';
import { POST as silencesPost } from '@/app/api/v1/silences/route';
import type { TestDatabase } from '../testing/databases';
import { useRouteDatabase } from '../testing/route-database';
import { createToken } from '../access';

const id = '00000000-0000-4000-8000-000000000001'; // the default instances rule: it exists
type Handler = (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;
const routes: [string, Handler][] = [
  ['POST /rules', rulesPost as Handler], ['PUT /rules/:id', rulePut], ['DELETE /rules/:id', ruleDelete],
  ['POST /channels', channelsPost as Handler], ['DELETE /channels/:id', channelDelete], ['POST /channels/:id/test', channelTest],
  ['POST /silences', silencesPost as Handler], ['DELETE /silences/:id', silenceDelete],
  ['POST /alerts/:id/acknowledge', ack], ['PUT /hosts/:id/labels', labelsPut], ['DELETE /hosts/:id', hostDelete],
];

describe('mutating API routes and token scopes', () => {
  let t: TestDatabase;
  let read: string;
  let ingest: string;
  useRouteDatabase('pglite', async (db) => {
    t = db;
    read = (await createToken(t.db, { name: 'r', scope: 'read' })).token;
    ingest = (await createToken(t.db, { name: 'i', scope: 'ingest' })).token;
  });
  const call = (h: Handler, token: string | null) => h(new Request('http://t/api', {
    method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: '{}',
  }), { params: Promise.resolve({ id }) });

  it.each(routes)('%s: 403 for read and ingest tokens, 401 without one', async (_name, handler) => {
    const rulesBefore = await t.db.alertRule.findMany({ orderBy: { id: 'asc' } });
    expect((await call(handler, read)).status).toBe(403);
    expect((await call(handler, ingest)).status).toBe(403);
    expect((await call(handler, null)).status).toBe(401);
    expect(await t.db.alertRule.findMany({ orderBy: { id: 'asc' } })).toEqual(rulesBefore);
  });

  it('metrics need a read token', async () => {
    const { GET } = await import('@/app/metrics/route');
    expect((await GET(new Request('http://t/metrics'))).status).toBe(401);
    expect((await GET(new Request('http://t/metrics', { headers: { authorization: `Bearer ${ingest}` } }))).status).toBe(403);
    const ok = await GET(new Request('http://t/metrics', { headers: { authorization: `Bearer ${read}` } }));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('# TYPE headroom_alerts_firing gauge');
  });

  it('ingest takes only ingest tokens', async () => {
    expect((await call(reportsPost as Handler, read)).status).toBe(403);
  });
});

