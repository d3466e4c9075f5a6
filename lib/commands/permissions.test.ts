// The permission table walked: every command, for every role (through its
// server action), every token scope (through its API route) and the machine's
// own actors (runCommand, as the CLI and first-run setup call it). What the
// table allows succeeds and leaves one audit row; what it refuses is a 403 that
// changes no row of any table.
import { hash } from '@node-rs/argon2';
import { describe, expect, it, vi } from 'vitest';
import { createAgentTokenAction } from '@/app/(app)/fleet-actions';
import { acknowledgeAction, expireSilenceAction, silenceAction } from '@/app/(app)/alerts/actions';
import { moveHostAction, removeHostAction, setLabelsAction } from '@/app/(app)/hosts/[id]/actions';
import { signOutAction, signOutEverywhereAction } from '@/app/(app)/session-actions';
import {
  createChannelAction, deleteChannelAction, deleteRuleAction, saveRuleAction, sendTestAction, setChannelEnabledAction, setChannelRouteAction, setThresholdsAction,
} from '@/app/(app)/settings/actions';
import { setRetentionAction } from '@/app/(app)/settings/data/actions';
import { createTokenAction, removeEnrolledAction, revokeTokenAction, setAgentLabelsAction, setHostLimitAction } from '@/app/(app)/settings/tokens/actions';
import {
  addUserAction, changePasswordAction, disableUserAction, enableUserAction, resetPasswordAction, setRoleAction, unlockUserAction,
} from '@/app/(app)/settings/users/actions';
import { setupAction } from '@/app/setup/actions';
import { POST as acknowledge } from '@/app/api/v1/alerts/[id]/acknowledge/route';
import { DELETE as channelDelete, PATCH as channelPatch } from '@/app/api/v1/channels/[id]/route';
import { PUT as channelRouting } from '@/app/api/v1/channels/[id]/routing/route';
import { POST as channelTest } from '@/app/api/v1/channels/[id]/test/route';
import { POST as channelsPost } from '@/app/api/v1/channels/route';
import { PUT as labelsPut } from '@/app/api/v1/hosts/[id]/labels/route';
import { DELETE as hostDelete } from '@/app/api/v1/hosts/[id]/route';
import { PUT as hostTokenPut } from '@/app/api/v1/hosts/[id]/token/route';
import { DELETE as ruleDelete, PUT as rulePut } from '@/app/api/v1/rules/[id]/route';
import { POST as rulesPost } from '@/app/api/v1/rules/route';
import { DELETE as silenceDelete } from '@/app/api/v1/silences/[id]/route';
import { POST as silencesPost } from '@/app/api/v1/silences/route';
import { createSession, createToken, role, tokenScope, type Role, type TokenScope } from '../access';
import type { FormState } from '../forms';
import type { Db } from '../server/db/client';
import type { TestDatabase } from '../testing/databases';
import { useRouteDatabase } from '../testing/route-database';
import { actorRef, allowed, cliActor, commandNames, permit, runCommand, setupActor, tokenActor, userActor, type Actor, type CommandName } from '.';

// Only the request plumbing is stood in for: the session cookie a browser would send, and the page cache.
const browser = vi.hoisted(() => ({ secret: undefined as string | undefined }));
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: () => (browser.secret ? { value: browser.secret } : undefined), set: () => {}, delete: () => {} }),
  headers: async () => new Headers({ 'user-agent': 'permission walk', host: 'localhost' }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

type Fixture = Record<string, string>;
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Case {
  /** Rows the command acts on, made fresh before each run. */
  fixture?: (db: Db) => Promise<Fixture>;
  /** A valid input, as runCommand takes it. */
  input: (f: Fixture) => unknown;
  /** The server actions that run it, given a valid form. */
  ui?: ((f: Fixture) => Promise<unknown>)[];
  /** The API route that runs it: its handler, the URL's ids and a valid body. */
  api?: { handler: Handler; params?: (f: Fixture) => Record<string, string>; body?: (f: Fixture) => unknown };
}

let n = 0;
const uniq = (prefix: string) => `${prefix}-${++n}`;
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
const none: FormState = { ok: false };
const later = () => new Date(Date.now() + 3600_000).toISOString();

const rule = { name: 'walk rule', dimension: 'inotifyWatches', warning: 0.5, critical: 0.7, forSeconds: 30, hysteresis: 0.05, label: null, enabled: true };
const ruleForm = { name: 'walk rule', dimension: 'inotifyWatches', warning: '50', critical: '70', forSeconds: '30', hysteresis: '5', label: '', enabled: 'on' };
const newRule = async (db: Db) => ({ id: (await db.alertRule.create({ data: { ...rule, name: uniq('walk rule') } })).id });
const newChannel = async (db: Db) => ({ id: (await db.channel.create({ data: { name: uniq('hook'), kind: 'webhook', config: { url: 'http://127.0.0.1:9/x' } } })).id });
const newHost = async (db: Db) => {
  const h = await db.host.create({ data: { name: uniq('walk-host') } });
  return { id: h.id, name: h.name };
};
const newAlert = async (db: Db) => {
  const [{ id: hostId }, { id: ruleId }] = [await newHost(db), await newRule(db)];
  const a = await db.alert.create({ data: { hostId, ruleId, openKey: `${hostId}:${ruleId}`, dimension: 'inotifyWatches', state: 'firing', severity: 'critical', value: 0.9, startedAt: new Date() } });
  return { id: a.id };
};
const newSilence = async (db: Db) =>
  ({ id: (await db.silence.create({ data: { label: 'ci', startsAt: new Date(), endsAt: new Date(later()), reason: 'walk', createdBy: 'test' } })).id });
const newToken = (scope: TokenScope) => async (db: Db) => ({ id: (await createToken(db, { name: uniq('walk token'), scope })).id });
const newUser = async (db: Db) => ({ id: (await db.user.create({ data: { name: uniq('walk-user'), role: 'viewer', passwordHash: 'not a hash' } })).id });
const disabledUser = async (db: Db) => ({ id: (await db.user.create({ data: { name: uniq('walk-user'), role: 'viewer', passwordHash: 'not a hash', disabledAt: new Date() } })).id });
const walkPassword = 'walk password 12';
let walkHash: Promise<string> | undefined;
/** The walk's own users get a real password, so each may change it. */
const knownPasswords = async (db: Db) => {
  await db.user.updateMany({ where: { name: { startsWith: 'walk-' } }, data: { passwordHash: await (walkHash ??= hash(walkPassword)) } });
  return {};
};

const cases = {
  'rule.create': {
    input: () => rule,
    ui: [() => saveRuleAction(none, form(ruleForm))],
    api: { handler: rulesPost as Handler, body: () => rule },
  },
  'rule.update': {
    fixture: newRule,
    input: ({ id }) => ({ ...rule, id, critical: 0.8 }),
    ui: [({ id }) => saveRuleAction(none, form({ ...ruleForm, id: id!, critical: '80' }))],
    api: { handler: rulePut, params: ({ id }) => ({ id: id! }), body: () => ({ ...rule, critical: 0.8 }) },
  },
  'rule.delete': {
    fixture: newRule,
    input: ({ id }) => ({ id }),
    ui: [({ id }) => deleteRuleAction(none, form({ id: id! }))],
    api: { handler: ruleDelete, params: ({ id }) => ({ id: id! }) },
  },
  'channel.create': {
    input: () => ({ kind: 'webhook', name: 'hook', config: { url: 'http://127.0.0.1:9/x' } }),
    ui: [() => createChannelAction(none, form({ kind: 'webhook', name: 'hook', url: 'http://127.0.0.1:9/x' }))],
    api: { handler: channelsPost as Handler, body: () => ({ kind: 'webhook', name: 'hook', config: { url: 'http://127.0.0.1:9/x' } }) },
  },
  'channel.delete': {
    fixture: newChannel,
    input: ({ id }) => ({ id }),
    ui: [({ id }) => deleteChannelAction(none, form({ id: id! }))],
    api: { handler: channelDelete, params: ({ id }) => ({ id: id! }) },
  },
  'channel.setEnabled': {
    fixture: newChannel,
    input: ({ id }) => ({ id, enabled: false }),
    ui: [({ id }) => setChannelEnabledAction(none, form({ id: id!, enabled: 'false' }))],
    api: { handler: channelPatch, params: ({ id }) => ({ id: id! }), body: () => ({ enabled: false }) },
  },
  'channel.route': {
    fixture: newChannel,
    input: ({ id }) => ({ id, route: { minSeverity: 'critical', labels: [] } }),
    ui: [({ id }) => setChannelRouteAction(none, form({ id: id!, minSeverity: 'critical', routeLabels: '' }))],
    api: { handler: channelRouting, params: ({ id }) => ({ id: id! }), body: () => ({ route: { minSeverity: 'critical', labels: [] } }) },
  },
  'channel.test': {
    fixture: newChannel,
    input: ({ id }) => ({ id }),
    ui: [({ id }) => sendTestAction(none, form({ id: id! }))],
    api: { handler: channelTest, params: ({ id }) => ({ id: id! }) },
  },
  'secrets.rotate': { fixture: newChannel, input: () => ({}) },
  'silence.create': {
    input: () => ({ label: 'ci', endsAt: later(), reason: 'walk' }),
    ui: [() => silenceAction(none, form({ target: 'label:ci', duration: '1h', reason: 'walk' }))],
    api: { handler: silencesPost as Handler, body: () => ({ label: 'ci', endsAt: later(), reason: 'walk' }) },
  },
  'silence.end': {
    fixture: newSilence,
    input: ({ id }) => ({ id }),
    ui: [({ id }) => expireSilenceAction(none, form({ silenceId: id! }))],
    api: { handler: silenceDelete, params: ({ id }) => ({ id: id! }) },
  },
  'alert.acknowledge': {
    fixture: newAlert,
    input: ({ id }) => ({ id, note: 'walk' }),
    ui: [({ id }) => acknowledgeAction(none, form({ alertId: id!, note: 'walk' }))],
    api: { handler: acknowledge, params: ({ id }) => ({ id: id! }), body: () => ({ note: 'walk' }) },
  },
  'host.labels': {
    fixture: newHost,
    input: ({ id }) => ({ id, labels: ['walk'] }),
    ui: [({ id }) => setLabelsAction(none, form({ hostId: id!, labels: 'walk' }))],
    api: { handler: labelsPut, params: ({ id }) => ({ id: id! }), body: () => ({ labels: ['walk'] }) },
  },
  'host.move': {
    fixture: async (db) => ({ ...(await newHost(db)), token: (await newToken('ingest')(db)).id }),
    input: ({ id, token }) => ({ id, token }),
    ui: [({ id, token }) => moveHostAction(none, form({ hostId: id!, token: token! }))],
    api: { handler: hostTokenPut, params: ({ id }) => ({ id: id! }), body: ({ token }) => ({ token }) },
  },
  'host.removeEnrolled': {
    fixture: async (db) => {
      const { id } = await newToken('ingest')(db);
      await db.host.create({ data: { name: uniq('walk-flood'), enrolledBy: id, createdAt: new Date(Date.now() - 60_000) } });
      return { id };
    },
    input: ({ id }) => ({ from: id, after: null, before: new Date().toISOString() }),
    ui: [({ id }) => removeEnrolledAction(none, form({ from: id!, after: '', before: new Date().toISOString() }))],
  },
  'host.delete': {
    fixture: newHost,
    input: ({ id }) => ({ id }),
    ui: [({ id, name }) => removeHostAction(none, form({ hostId: id!, confirm: name! }))],
    api: { handler: hostDelete, params: ({ id }) => ({ id: id! }) },
  },
  'thresholds.set': {
    input: () => ({ warning: 0.8, critical: 0.9, silentAfterIntervals: 3 }),
    ui: [() => setThresholdsAction(none, form({ warning: '80', critical: '90', silentAfterIntervals: '3' }))],
  },
  'retention.set': {
    input: () => ({ reportDays: 7, minuteDays: 30, hourDays: 365, historyDays: 90 }),
    ui: [() => setRetentionAction(none, form({ reportDays: '7', minuteDays: '30', hourDays: '365', historyDays: '90' }))],
  },
  'token.create': {
    input: () => ({ name: uniq('walk token'), scope: 'read' }),
    ui: [
      () => createTokenAction(none, form({ name: uniq('walk token'), scope: 'read', hostName: '', maxHosts: '' })),
      () => createAgentTokenAction(none, form({ name: uniq('walk agent') })),
    ],
  },
  'token.revoke': {
    fixture: newToken('read'),
    input: ({ id }) => ({ token: id }),
    ui: [({ id }) => revokeTokenAction(none, form({ id: id! }))],
  },
  'token.limit': {
    fixture: newToken('ingest'),
    input: ({ id }) => ({ token: id, maxHosts: 5 }),
    ui: [({ id }) => setHostLimitAction(none, form({ id: id!, maxHosts: '5' }))],
  },
  'token.labels': {
    fixture: newToken('ingest'),
    input: ({ id }) => ({ token: id, agentLabels: 'ci, region=*' }),
    ui: [({ id }) => setAgentLabelsAction(none, form({ id: id!, agentLabels: 'ci' }))],
  },
  'user.create': {
    input: () => ({ name: uniq('walk-new'), role: 'viewer', password: 'walk password 12' }),
    ui: [() => addUserAction(none, form({ name: uniq('walk-new'), role: 'viewer', password: 'walk password 12' }))],
  },
  'user.role': {
    fixture: newUser,
    input: ({ id }) => ({ id, role: 'editor' }),
    ui: [({ id }) => setRoleAction(none, form({ id: id!, role: 'editor' }))],
  },
  'user.disable': {
    fixture: newUser,
    input: ({ id }) => ({ id }),
    ui: [({ id }) => disableUserAction(none, form({ id: id! }))],
  },
  'user.unlock': {
    fixture: newUser,
    input: ({ id }) => ({ user: id }),
    ui: [({ id }) => unlockUserAction(none, form({ id: id! }))],
  },
  'user.enable': {
    fixture: disabledUser,
    input: ({ id }) => ({ user: id }),
    ui: [({ id }) => enableUserAction(none, form({ id: id! }))],
  },
  'user.resetPassword': {
    fixture: newUser,
    input: ({ id }) => ({ user: id, password: walkPassword }),
    ui: [({ id }) => resetPasswordAction(none, form({ id: id!, password: walkPassword }))],
  },
  'user.password': {
    fixture: knownPasswords,
    input: () => ({ current: walkPassword, password: walkPassword }),
    ui: [() => changePasswordAction(none, form({ current: walkPassword, password: walkPassword, confirm: walkPassword }))],
  },
  // Its one allowed actor, the first-run page, runs it once, before any user exists (the first test).
  'user.setup': {
    input: () => ({ name: uniq('walk-first'), password: 'walk password 12', address: null, userAgent: null }),
  },
  'session.end': { input: () => ({}), ui: [() => signOutAction()] },
  'session.endAll': { input: () => ({}), ui: [() => signOutEverywhereAction()] },
} satisfies Record<CommandName, Case>;

/** Every row of every table, as one fingerprint per table. */
async function snapshot(db: Db): Promise<Record<string, string>> {
  const tables = await db.$queryRawUnsafe<{ t: string }[]>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  const sql = tables.map(({ t }) => `SELECT '${t}' AS t, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x`).join(' UNION ALL ');
  const rows = await db.$queryRawUnsafe<{ t: string; h: string }[]>(sql);
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

/** A server action's outcome: its form state, or that it redirected (redirect() throws). */
async function viaAction(call: () => Promise<unknown>): Promise<FormState | 'redirected'> {
  try {
    return ((await call()) ?? { ok: true }) as FormState;
  } catch (err) {
    if (String((err as { digest?: unknown }).digest ?? '').startsWith('NEXT_REDIRECT')) return 'redirected';
    throw err;
  }
}

const forbiddenMessage = (name: CommandName, actor: Actor) => {
  try {
    permit(name, actor);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`${actorRef(actor)} may run ${name}`);
};

describe('the permission table, walked', () => {
  let t: TestDatabase;
  const users = {} as Record<Role, { id: string; name: string }>;
  const tokens = {} as Record<TokenScope, { id: string; name: string; token: string }>;
  useRouteDatabase('postgres', async (db) => { t = db; });

  it('lets the first-run page make the first admin, and only then', async () => {
    const first = await viaAction(() => setupAction(none, form({ name: 'first', password: 'first password 1', confirm: 'first password 1' })));
    expect(first).toBe('redirected');
    expect((await t.db.auditEvent.findFirstOrThrow({ where: { target: 'user:first' } })).actor).toBe('system:setup');
    const before = await snapshot(t.db);
    expect(await viaAction(() => setupAction(none, form({ name: 'second', password: 'first password 1', confirm: 'first password 1' }))))
      .toEqual({ ok: false, message: 'setup is done: sign in instead' });
    expect(await snapshot(t.db)).toEqual(before);

    for (const r of role.options) users[r] = await t.db.user.create({ data: { name: `walk-${r}`, role: r, passwordHash: 'not a hash' } });
    for (const s of tokenScope.options) tokens[s] = await createToken(t.db, { name: `walk-${s}`, scope: s });
  });

  it('says why a viewer and a read token are refused, as the dashboard and the API always have', async () => {
    expect(forbiddenMessage('rule.create', userActor({ ...users.viewer, role: 'viewer', sessionId: 'x' }))).toBe('this needs the editor role; you are viewer');
    const read = tokenActor({ tokenId: tokens.read.id, name: tokens.read.name, scope: 'read', hostName: null });
    expect(forbiddenMessage('rule.create', read)).toBe('this is a read token; this route needs a admin token');
  });

  it.each(commandNames)('%s', async (name) => {
    const c: Case = cases[name];
    /** `signIn` runs before the snapshot: the session it opens is the browser's, not the command's doing. */
    type Run = { actor: Actor; via: string; signIn?: () => Promise<void>; call: (f: Fixture) => Promise<{ ok: boolean; message?: string }> };
    const runs: Run[] = [];
    const direct = (actor: Actor) => async (f: Fixture) => {
      try {
        await runCommand(name, actor, c.input(f));
        return { ok: true };
      } catch (err) {
        return { ok: false, message: (err as Error).message, status: (err as { status?: number }).status };
      }
    };

    for (const r of role.options) {
      const signIn = async () => {
        await t.db.session.deleteMany({ where: { userId: users[r].id } });
        browser.secret = (await createSession(t.db, users[r].id, { address: null, userAgent: null })).secret;
      };
      const actor = userActor({ ...users[r], role: r, sessionId: 'the one signIn opens' });
      if (!c.ui) {
        runs.push({ actor, via: 'runCommand', call: direct(actor) });
        continue;
      }
      for (const [i, ui] of c.ui.entries()) {
        runs.push({
          actor, via: `action ${i + 1}`, signIn,
          call: async (f) => {
            const state = await viaAction(() => ui(f));
            return state === 'redirected' ? { ok: true } : { ok: state.ok, message: state.message };
          },
        });
      }
    }
    for (const s of tokenScope.options) {
      const actor = tokenActor({ tokenId: tokens[s].id, name: tokens[s].name, scope: s, hostName: null });
      const api = c.api;
      if (!api) {
        runs.push({ actor, via: 'runCommand', call: direct(actor) });
        continue;
      }
      runs.push({
        actor, via: 'API',
        call: async (f) => {
          const body = api.body?.(f);
          const req = new Request('http://walk/api', {
            method: 'POST',
            headers: { authorization: `Bearer ${tokens[s].token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          const res = await api.handler(req, { params: Promise.resolve(api.params?.(f) ?? {}) });
          const answer = res.status === 204 ? null : ((await res.json()) as { error?: { code: string; message: string } });
          return res.ok ? { ok: true } : { ok: false, message: answer?.error?.message, status: res.status, code: answer?.error?.code };
        },
      });
    }
    runs.push({ actor: cliActor, via: 'runCommand', call: direct(cliActor) });
    runs.push({ actor: setupActor, via: 'runCommand', call: direct(setupActor) });

    for (const run of runs) {
      const who = `${actorRef(run.actor)} (${run.actor.kind === 'user' ? run.actor.role : run.actor.kind === 'token' ? run.actor.scope : 'system'}) via ${run.via}`;
      const f = (await c.fixture?.(t.db)) ?? {};
      // Its allowed run is the first test's (first-run setup needs an empty database).
      if (name === 'user.setup' && allowed(name, run.actor)) continue;
      await run.signIn?.();
      const before = await snapshot(t.db);
      const audits = await t.db.auditEvent.count();
      const out = await run.call(f);
      if (allowed(name, run.actor)) {
        expect(out, who).toMatchObject({ ok: true });
        const trail = await t.db.auditEvent.findMany({ orderBy: { at: 'desc' }, take: 1 });
        expect(await t.db.auditEvent.count(), `${who}: one audit row`).toBe(audits + 1);
        expect(trail[0]!.actor, who).toBe(actorRef(run.actor));
      } else {
        expect(out, who).toMatchObject({ ok: false, message: forbiddenMessage(name, run.actor) });
        if (run.via === 'API') expect(out, who).toMatchObject({ status: 403, code: 'forbidden' });
        if (run.via === 'runCommand') expect(out, who).toMatchObject({ status: 403 });
        expect(await snapshot(t.db), `${who}: nothing changed`).toEqual(before);
      }
    }
  }, 120_000);
});
