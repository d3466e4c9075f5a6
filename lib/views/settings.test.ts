// The settings pages' views: what each lists, and what it locks for whom.
import { describe, expect, it } from 'vitest';
import { createToken, createUser, revokeToken } from '../access';
import { createChannel, createRule, deleteRule, evaluateAlerts, sendTest } from '../alerts';
import { ingestReport } from '../ingest';
import { channelInput, ruleInput } from '../protocol';
import { DEFAULT_RETENTION } from '../history';
import { DEFAULT_THRESHOLDS } from '../risk';
import { atOnce, rulesFireAtOnce } from '../testing/alerting';
import type { TestDatabase } from '../testing/databases';
import { testPrincipal } from '../testing/principal';
import { makeReport } from '../testing/report-factory';
import { useRouteDatabase } from '../testing/route-database';
import { channelsPage } from './channels';
import { dataPage } from './data';
import { tokensPage } from './tokens';
import { usersPage } from './users';
import { rulesPage } from './rules';
import type { Viewer } from './viewer';

const admin: Viewer = { id: 'u0', name: 'ada', role: 'admin' };
const editor: Viewer = { id: 'u1', name: 'eve', role: 'editor' };
const viewer: Viewer = { id: 'u2', name: 'vic', role: 'viewer' };

let t: TestDatabase;
useRouteDatabase('pglite', async (db) => { t = db; });

describe('the alert rules page view', () => {
  it('lists the live rules, oldest first, with the fleet status levels', async () => {
    const before = (await rulesPage(admin)).rules;
    await createRule(t.db, ruleInput.parse({ name: 'ci watches', dimension: 'inotifyWatches', warning: 0.5, critical: null, label: 'ci' }));
    const gone = await createRule(t.db, ruleInput.parse({ name: 'retired', dimension: 'systemFds', warning: 0.5, critical: null }));
    await deleteRule(t.db, gone.id);
    const view = await rulesPage(admin);
    expect(before.length).toBeGreaterThan(0);
    expect(view.rules.map((r) => r.name)).toEqual([...before.map((r) => r.name), 'ci watches']);
    expect(view.rules.at(-1)).toMatchObject({ dimension: 'inotifyWatches', warning: 0.5, critical: null, label: 'ci', enabled: true });
    expect(view.thresholds).toMatchObject({ warning: DEFAULT_THRESHOLDS.warning, critical: DEFAULT_THRESHOLDS.critical });
    expect([view.rulesLocked, view.levelsLocked]).toEqual([undefined, undefined]);
  });

  it('lets editors change rules but not the levels, and viewers neither', async () => {
    expect(await rulesPage(editor)).toMatchObject({ rulesLocked: undefined, levelsLocked: 'editors cannot change the status levels; ask an admin' });
    expect((await rulesPage(viewer)).rulesLocked).toBe('viewers cannot change rules; ask an editor or an admin');
  });
});

describe('the notification channels page view', () => {
  it('lists the channels without their secrets, and what each delivery said and how it went', async () => {
    const quiet = await createChannel(t.db, channelInput.parse({ kind: 'webhook', name: 'quiet', config: { url: 'https://hooks.example.com/T000/secret-path' }, enabled: false }));
    await createChannel(t.db, channelInput.parse({ kind: 'webhook', name: 'ops', config: { url: 'https://ops.example.com/in' } }));
    await sendTest(t.db, quiet.id, 'http://headroom.test');
    await rulesFireAtOnce(t.db);
    await ingestReport(t.db, testPrincipal, makeReport({ hostName: 'hot-1', instances: 125 }));
    await evaluateAlerts(t.db, atOnce);
    const view = await channelsPage(admin);
    expect(view.locked).toBeUndefined();
    expect(view.channels.map((c) => [c.name, c.kind, c.enabled])).toEqual([['quiet', 'webhook', false], ['ops', 'webhook', true]]);
    expect(view.channels[0]!.target).toMatch(/^https:\/\/hooks\.example\.com/);
    expect(view.channels[0]!.target).not.toContain('secret-path');
    const test = view.deliveries.find((d) => d.channel === 'quiet');
    expect(test).toMatchObject({ what: 'test', status: 'pending', retrying: false, attempts: 0, lastAnswer: null });
    expect(view.deliveries.find((d) => d.channel === 'ops')!.what).toContain('hot-1');
  });

  it('tells an editor why they cannot change channels', async () => {
    expect((await channelsPage(editor)).locked).toBe('editors cannot change channels; ask an admin');
  });
});

describe('the data retention page view', () => {
  it('says how long history is kept and what each table holds, in words', async () => {
    const view = await dataPage(admin);
    expect(view.retention).toEqual(DEFAULT_RETENTION);
    expect(view.canEdit).toBe(true);
    const report = view.tables.find((x) => x.table === 'report');
    expect(report).toMatchObject({ label: 'Reports, last hour or two (a row each)' });
    expect(report!.bytes).toBeGreaterThan(0);
    expect(view.tables.every((x) => Number.isInteger(x.rows) && x.label.length > 0)).toBe(true);
    expect((await dataPage(editor)).canEdit).toBe(false);
  });
});

describe('the API tokens page view', () => {
  it('lists every token with the hosts it enrolled, for admins only', async () => {
    const ingest = await createToken(t.db, { name: 'agents', scope: 'ingest', maxHosts: 5 });
    const old = await createToken(t.db, { name: 'old script', scope: 'read' });
    await revokeToken(t.db, old.id);
    await ingestReport(t.db, { tokenId: ingest.id, name: 'agents', scope: 'ingest', hostName: null }, makeReport({ hostName: 'enrolled-1' }));
    const { tokens } = await tokensPage(admin);
    expect(tokens!.map((x) => [x.name, x.scope, x.hostsEnrolled, x.maxHosts, x.revokedAt !== null])).toEqual([['agents', 'ingest', 1, 5, false], ['old script', 'read', 0, null, true]]);
    expect((await tokensPage(editor)).tokens).toBeNull();
  });
});

describe('the users and audit page view', () => {
  it('lists the users by name and the audit log, newest first, for admins only', async () => {
    const ada = await createUser(t.db, { name: 'ada', role: 'admin', password: 'a long enough password' });
    await createUser(t.db, { name: 'bob', role: 'viewer', password: 'a long enough password' });
    for (const [i, action] of ['rule.update', 'channel.delete'].entries()) {
      await t.db.auditEvent.create({ data: { actor: 'user:ada', action, target: `x:${i}`, at: new Date(Date.now() + 60_000 + i * 1000) } });
    }
    const view = await usersPage({ ...admin, id: ada.id });
    expect(view.admin).toBe(true);
    expect(view.me).toBe(ada.id);
    expect(view.users.map((u) => [u.name, u.role])).toEqual([['ada', 'admin'], ['bob', 'viewer']]);
    expect(view.events.slice(0, 2).map((e) => e.action)).toEqual(['channel.delete', 'rule.update']);
    expect(await usersPage(editor)).toMatchObject({ admin: false, users: [], events: [] });
  });
});
