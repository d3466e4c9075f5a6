// The alert API through the real route handlers: scopes, validation, secrets kept.
import { describe, expect, it } from 'vitest';
import { POST as acknowledge } from '@/app/api/v1/alerts/[id]/acknowledge/route';
import { GET as alertsGet } from '@/app/api/v1/alerts/route';
import { POST as channelTest } from '@/app/api/v1/channels/[id]/test/route';
import { PATCH as channelPatch } from '@/app/api/v1/channels/[id]/route';
import { GET as channelsGet, POST as channelsPost } from '@/app/api/v1/channels/route';
import { GET as logGet } from '@/app/api/v1/notifications/route';
import { DELETE as ruleDelete, PUT as rulePut } from '@/app/api/v1/rules/[id]/route';
import { GET as rulesGet, POST as rulesPost } from '@/app/api/v1/rules/route';
import { DELETE as silenceDelete } from '@/app/api/v1/silences/[id]/route';
import { GET as silencesGet, POST as silencesPost } from '@/app/api/v1/silences/route';
import type { TestDatabase } from '../testing/databases';
import { useRouteDatabase } from '../testing/route-database';
import { makeReport } from '../testing/report-factory';
import { createToken } from '../access';
import { evaluateAlerts } from './evaluate-alerts';
import { ingestReport } from '../ingest';
import { testPrincipal } from '../testing/principal';
import { rulesFireAtOnce } from '../testing/alerting';

const req = (token: string | null, method = 'GET', body?: unknown) =>
  new Request('http://test/api', {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const rule = { name: 'CI watches', dimension: 'inotifyWatches', warning: 0.5, critical: 0.7, forSeconds: 30, hysteresis: 0.05, label: 'ci', enabled: true };

describe('alert API', () => {
  let t: TestDatabase;
  let read: string;
  let admin: string;
  useRouteDatabase('pglite', async (db) => {
    t = db;
    read = (await createToken(t.db, { name: 'reader', scope: 'read' })).token;
    admin = (await createToken(t.db, { name: 'ops-bot', scope: 'admin' })).token;
    await rulesFireAtOnce(t.db);
  });

  it('lists the default rules to a read token', async () => {
    const res = await rulesGet(req(read));
    expect(res.status).toBe(200);
    const { rules } = (await res.json()) as { rules: { dimension: string }[] };
    expect(rules.map((r) => r.dimension)).toEqual(['inotifyInstances', 'inotifyWatches', 'systemFds', 'processFds', 'silent', 'panicRisk', 'exhaustion', 'failures']);
  });

  it('lets only an admin token change settings', async () => {
    expect((await rulesPost(req(read, 'POST', rule))).status).toBe(403);
    expect((await rulesPost(req(null, 'POST', rule))).status).toBe(401);
    const created = await rulesPost(req(admin, 'POST', rule));
    expect(created.status).toBe(201);
    const { rule: r } = (await created.json()) as { rule: { id: string; label: string } };
    expect(r.label).toBe('ci');
    expect((await rulePut(req(admin, 'PUT', { ...rule, critical: 0.8 }), ctx(r.id))).status).toBe(200);
    expect((await ruleDelete(req(read, 'DELETE'), ctx(r.id))).status).toBe(403);
    expect((await ruleDelete(req(admin, 'DELETE'), ctx(r.id))).status).toBe(204);
    expect((await ruleDelete(req(admin, 'DELETE'), ctx(r.id))).status).toBe(404);
    expect((await ruleDelete(req(admin, 'DELETE'), ctx('not-a-uuid'))).status).toBe(404);
    const trail = await t.db.auditEvent.findMany({ where: { target: `rule:${r.id}` }, orderBy: { at: 'asc' } });
    expect(trail.map((e) => `${e.actor} ${e.action}`)).toEqual(['token:ops-bot rule.create', 'token:ops-bot rule.update', 'token:ops-bot rule.delete']);
  });

  it('rejects rules that make no sense, naming the field', async () => {
    const res = await rulesPost(req(admin, 'POST', { ...rule, warning: 0.9, critical: 0.8 }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { issues: { path: string; message: string }[] } };
    expect(body.error.issues[0]).toEqual({ path: 'critical', message: 'critical must be past warning' });
    expect((await rulesPost(req(admin, 'POST', { ...rule, critical: 90 }))).status).toBe(400);
  });

  it('keeps channel secrets out of answers, and queues a test through the outbox', async () => {
    const res = await channelsPost(req(admin, 'POST', { kind: 'webhook', name: 'hook', config: { url: 'http://127.0.0.1:9/x', secret: 'x'.repeat(20) } }));
    expect(res.status).toBe(201);
    const { channel } = (await res.json()) as { channel: { id: string } };
    const listed = (await (await channelsGet(req(read))).json()) as { channels: { config: { secret: string } }[] };
    expect(listed.channels[0]!.config.secret).toBe('••••••');
    expect(JSON.stringify(listed)).not.toContain('x'.repeat(20));
    // The address itself is a credential for most receivers: only its origin is shown.
    expect(listed.channels[0]!.config).toMatchObject({ url: 'http://127.0.0.1:9/••••••' });
    expect((await channelTest(req(admin, 'POST'), ctx(channel.id))).status).toBe(202);
    const log = (await (await logGet(req(read))).json()) as { notifications: { kind: string; status: string }[] };
    expect(log.notifications[0]).toMatchObject({ kind: 'test', status: 'pending' });
    expect((await channelsPost(req(admin, 'POST', { kind: 'email', name: 'm', config: { host: 'smtp', from: 'a@b.c', to: ['not an address'] } }))).status).toBe(400);
  });

  it('pauses a channel and resumes it (one created paused is not stuck so)', async () => {
    const res = await channelsPost(req(admin, 'POST', { kind: 'slack', name: 'paused', config: { url: 'http://127.0.0.1:9/s' }, enabled: false }));
    const { channel } = (await res.json()) as { channel: { id: string; enabled: boolean } };
    expect(channel.enabled).toBe(false);
    const resumed = await channelPatch(req(admin, 'PATCH', { enabled: true }), ctx(channel.id));
    expect(resumed.status).toBe(200);
    expect(((await resumed.json()) as { channel: { enabled: boolean; config: { url: string } } }).channel).toMatchObject({ enabled: true, config: { url: 'http://127.0.0.1:9/••••••' } });
    expect((await channelPatch(req(read, 'PATCH', { enabled: false }), ctx(channel.id))).status).toBe(403);
    expect((await channelPatch(req(admin, 'PATCH', { enabled: 'no' }), ctx(channel.id))).status).toBe(400);
    expect((await channelPatch(req(admin, 'PATCH', { enabled: false }), ctx('00000000-0000-4000-8000-00000000abcd'))).status).toBe(404);
    expect((await t.db.channel.findUniqueOrThrow({ where: { id: channel.id } })).enabled).toBe(true);
  });

  it('silences a label, lists it, ends it', async () => {
    const res = await silencesPost(req(admin, 'POST', { label: 'ci', endsAt: new Date(Date.now() + 3600_000).toISOString(), reason: 'runner upgrade' }));
    expect(res.status).toBe(201);
    const { silence } = (await res.json()) as { silence: { id: string; createdBy: string } };
    expect(silence.createdBy).toBe('token:ops-bot');
    expect(((await (await silencesGet(req(read))).json()) as { silences: unknown[] }).silences).toHaveLength(1);
    expect((await silenceDelete(req(admin, 'DELETE'), ctx(silence.id))).status).toBe(200);
    expect(((await (await silencesGet(req(read))).json()) as { silences: unknown[] }).silences).toHaveLength(0);
    expect((await silencesPost(req(admin, 'POST', { label: 'ci', hostId: '00000000-0000-4000-8000-000000000000', endsAt: new Date().toISOString(), reason: 'x' }))).status).toBe(400);
  });

  it('lists firing alerts and acknowledges one', async () => {
    await ingestReport(t.db, testPrincipal, makeReport({ hostName: 'hot', instances: 125 }));
    await evaluateAlerts(t.db, { publicUrl: 'http://x', repeatMs: 3600_000, groupWaitMs: 0 });
    const { alerts } = (await (await alertsGet(new Request('http://test/api?view=firing&host=ho', { headers: { authorization: `Bearer ${read}` } }))).json()) as { alerts: { id: string; severity: string }[] };
    expect(alerts.map((a) => a.severity)).toEqual(['critical']);
    // What it is about, whose, and the figures.
    expect(alerts[0]).toMatchObject({ dimension: 'inotifyInstances', resource: 'inotifyInstances', subject: 'uid 0 (root)', used: 125, limit: 128 });
    expect((await acknowledge(req(read, 'POST', { note: null }), ctx(alerts[0]!.id))).status).toBe(403);
    const acked = await acknowledge(req(admin, 'POST', { note: 'on it' }), ctx(alerts[0]!.id));
    expect(acked.status).toBe(200);
    expect(((await acked.json()) as { alert: { acknowledgedBy: string } }).alert.acknowledgedBy).toBe('token:ops-bot');
  });

  it('refuses query values it does not take, naming them, instead of answering everything', async () => {
    const get = async (handler: (r: Request) => Promise<Response>, query: string) => {
      const res = await handler(new Request(`http://test/api?${query}`, { headers: { authorization: `Bearer ${read}` } }));
      return { status: res.status, body: (await res.json()) as { error?: { code: string; issues: { path: string }[] } } };
    };
    const { GET: hostsGet } = await import('@/app/api/v1/hosts/route');
    for (const [handler, query, path] of [
      [alertsGet, 'severity=crit', 'severity'], [alertsGet, 'view=resolvd', 'view'], [alertsGet, 'dimension=inodes', 'dimension'],
      [hostsGet, 'status=critcal', 'status'], [hostsGet, 'sort=worst', 'sort'], [hostsGet, 'per=0', 'per'], [hostsGet, 'page=-1', 'page'],
    ] as const) {
      const r = await get(handler, query);
      expect(r.status, query).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'invalid_query', issues: [{ path }] });
    }
    expect((await get(alertsGet, 'severity=critical&view=resolved')).status).toBe(200);
    expect((await get(hostsGet, 'status=critical&sort=name&per=5&utm_source=x')).status).toBe(200);
  });
});
