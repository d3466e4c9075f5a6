// Input that used to reach SQL and come back as a 500: NUL characters,
// malformed ids, dates Postgres cannot hold, labels nothing could match.
// Each is the client's mistake, answered 4xx, and changes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as unknownApi } from '@/app/api/[...rest]/route';
import { POST as acknowledge } from '@/app/api/v1/alerts/[id]/acknowledge/route';
import { GET as alertsGet } from '@/app/api/v1/alerts/route';
import { GET as hostsGet } from '@/app/api/v1/hosts/route';
import { PUT as rulePut } from '@/app/api/v1/rules/[id]/route';
import { GET as rulesGet, POST as rulesPost } from '@/app/api/v1/rules/route';
import { POST as silencesPost } from '@/app/api/v1/silences/route';
import type { TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { useRouteApi } from '../testing/route-database';
import { login } from '../access';
import { evaluateAlerts } from '../alerts';
import { rulesFireAtOnce } from '../testing/alerting';
import { getHost } from '../hosts';
import { hostExists } from '../hosts';
import { ingestReport } from '../ingest';
import { testPrincipal as principal } from '../testing/principal';

const req = (token: string, method = 'GET', body?: unknown, url = 'http://test/api') =>
  new Request(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const hour = () => new Date(Date.now() + 3600_000).toISOString();

describe('API edges', () => {
  const api = useRouteApi('pglite', async (t) => {
    await rulesFireAtOnce(t.db);
    for (const name of ['web_1', 'web-2', 'db1']) await ingestReport(t.db, principal, makeReport({ hostName: name, instances: name === 'db1' ? 125 : 10 }));
  });
  let t: TestDatabase, read: string, admin: string;
  beforeAll(() => { ({ t, token: { read, admin } } = api); });
  const status = async (res: Promise<Response>) => {
    const r = await res;
    return { status: r.status, body: (await r.json()) as { error?: { code: string; message: string }; hosts?: { name: string }[] } };
  };

  it('answers 400 to NUL characters in queries and bodies, and stores nothing', async () => {
    expect(await status(hostsGet(req(read, 'GET', undefined, 'http://test/api?q=%00')))).toMatchObject({ status: 400, body: { error: { code: 'invalid_query' } } });
    expect((await status(alertsGet(req(read, 'GET', undefined, 'http://test/api?host=a%00')))).status).toBe(400);
    const rules = await t.db.alertRule.count();
    const rule = { name: 'bad\u0000name', dimension: 'inotifyWatches', warning: 0.5, critical: 0.7, forSeconds: 30, hysteresis: 0.05, label: null, enabled: true };
    expect(await status(rulesPost(req(admin, 'POST', rule)))).toMatchObject({ status: 400, body: { error: { message: 'text must not contain NUL characters (U+0000)' } } });
    expect(await t.db.alertRule.count()).toBe(rules);
    expect((await status(silencesPost(req(admin, 'POST', { label: 'ci', endsAt: hour(), reason: 'x\u0000' })))).status).toBe(400);
    expect(await t.db.silence.count()).toBe(0);
  });

  it('takes a sign-in name no user can have as a wrong name, not a server error', async () => {
    await expect(login(t.db, 'alice\u0000', 'whatever password', { address: '10.0.0.9', userAgent: null })).rejects.toThrow('wrong name or password');
    await expect(login(t.db, 'x'.repeat(10_000), 'whatever password', { address: '10.0.0.9', userAgent: null })).rejects.toThrow('wrong name or password');
  });

  it('takes an id of the right length that is not a uuid as no such host (the host page, its CSV export)', async () => {
    await expect(getHost(t.db, '-'.repeat(36))).rejects.toMatchObject({ status: 404, message: 'no such host' });
    expect(await hostExists(t.db, '-'.repeat(36))).toBe(false);
  });

  it('refuses silences Postgres or the rules could not use: dates out of range, labels no host can carry', async () => {
    for (const body of [
      { label: 'ci', startsAt: '0000-01-01T00:00:00Z', endsAt: hour(), reason: 'x' },
      { label: 'ci', endsAt: '+275760-09-13T00:00:00Z', reason: 'x' },
      { label: 'CI runners', endsAt: hour(), reason: 'x' },
    ]) expect((await status(silencesPost(req(admin, 'POST', body)))).status, JSON.stringify(body)).toBe(400);
    expect(await t.db.silence.count()).toBe(0);
    expect((await status(silencesPost(req(admin, 'POST', { label: ' ci ', endsAt: hour(), reason: 'x' })))).status).toBe(201);
  });

  it('acknowledges with no body at all: the note is optional', async () => {
    await evaluateAlerts(t.db, { publicUrl: 'http://x', repeatMs: 3600_000, groupWaitMs: 0 });
    const alert = await t.db.alert.findFirstOrThrow({ where: { state: 'firing' } });
    const bare = new Request('http://test/api', { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
    expect((await acknowledge(bare, ctx(alert.id))).status).toBe(200);
  });

  it('searches host names for the text typed, wildcards included', async () => {
    const names = async (q: string) => (await status(hostsGet(req(read, 'GET', undefined, `http://test/api?q=${encodeURIComponent(q)}`)))).body.hosts!.map((h) => h.name).sort();
    expect(await names('_')).toEqual(['web_1']);
    expect(await names('%')).toEqual([]);
    expect(await names('WEB')).toEqual(['web-2', 'web_1']);
  });

  it('names a misspelt field instead of saving its default, and takes back what GET returned', async () => {
    const rule = { name: 'typo', dimension: 'inotifyWatches', warning: 0.5, critical: 0.7, forSecs: 300 };
    const res = await status(rulesPost(req(admin, 'POST', rule)));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('forSecs');
    expect((await status(silencesPost(req(admin, 'POST', { label: 'ci', endsAt: hour(), reason: 'x', until: 'soon' })))).status).toBe(400);
    const { rules } = (await (await rulesGet(req(read))).json()) as { rules: Record<string, unknown>[] };
    const first = rules[0]!;
    const put = await rulePut(req(admin, 'PUT', { ...first, enabled: false }), ctx(String(first.id)));
    expect(put.status).toBe(200);
  });

  it('answers an unknown API address in the API\'s JSON error shape', async () => {
    const res = await status(unknownApi());
    expect(res).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });
});
