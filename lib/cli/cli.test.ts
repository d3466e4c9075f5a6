// The CLI as people type it: real `node bin/headroom.mjs` processes against an
// embedded database served by this test (as a running server serves it).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../access';
import { createDb, type Db } from '../server/db/client';
import { serveEmbedded, type Embedded } from '../server/db/embedded';
import { applyMigrations } from '../server/db/migrate';
import { disableUser } from '../access';
import { collect } from '../testing/child';
import { runOnTerminal } from '../testing/pty';

const root = path.resolve(import.meta.dirname, '../..');
const envFor = (dir: string) => ({ ...process.env, HEADROOM_DATA_DIR: dir, DATABASE_URL: undefined, npm_lifecycle_event: undefined });

const headroom = (dir: string, args: string[], input = '') =>
  collect(spawn(process.execPath, ['bin/headroom.mjs', ...args], { cwd: root, env: envFor(dir), timeout: 60_000 }), input);

describe('a mistyped command changes nothing', () => {
  it('refuses an unknown flag before opening the database, suggesting the flag meant', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-cli-'));
    try {
      const r = await headroom(dir, ['token', 'create', '--name', 'x', '--scope', 'ingest', '--max-host', '5']);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('unknown flag --max-host; did you mean --max-hosts?');
      expect(r.stdout).toBe('');
      expect(readdirSync(dir)).toEqual([]); // no database was even created
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the CLI next to a running embedded database', () => {
  let dir: string;
  let embedded: Embedded;
  let db: Db;
  const run = (args: string[], input = '') => headroom(dir, args, input);
  const tokens = () => db.apiToken.count();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hr-cli-'));
    embedded = await serveEmbedded(dir);
    await applyMigrations(embedded.url);
    db = createDb(embedded.url);
  });
  afterAll(async () => {
    await db.$disconnect();
    await embedded.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a token only when every flag is known and right, naming the wrong one', async () => {
    const made = await run(['token', 'create', '--name', 'ci-fleet', '--scope', 'ingest', '--max-hosts', '5']);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/^hr_ingest_/);
    const refused: [string[], string][] = [
      [['token', 'create', '--name', 'x', '--scope', 'ingest', '--max-host', '5'], 'unknown flag --max-host; did you mean --max-hosts?'],
      [['token', 'create', '--name', 'x', '--scope', 'ingst'], '--scope: must be ingest, read or admin'],
      [['token', 'create', '--scope', 'ingest'], '--name: required'],
      [['token', 'create', '--name', '--scope', 'ingest'], '--name needs a value'],
      [['token', 'create', '--name', 'x', '--scope', 'read', '--max-hosts', '3'], '--max-hosts: only ingest tokens enrol hosts'],
      [['token', 'create', '--name', 'x', '--scope', 'ingest', '--max-hosts', 'ten'], '--max-hosts: must be a whole number of hosts, or none'],
      [['token', 'create', '--name', 'x', '--scope', 'ingest', 'extra'], 'unexpected argument "extra"'],
      [['token', 'limit', 'ci-fleet', 'ten'], 'host limit: must be a whole number of hosts, or none'],
      [['token', 'lst'], 'unknown token command "lst"; did you mean list?'],
      [['tokn', 'list'], 'unknown command "tokn"; did you mean token?'],
      [['serve', '--port', '3001'], 'unknown flag --port; this command takes no flags'],
    ];
    const answers = await Promise.all(refused.map(([args]) => run(args)));
    answers.forEach((r, i) => {
      const [args, message] = refused[i]!;
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
    });
    expect(await tokens()).toBe(1);
    const list = await run(['token', 'list']);
    expect(list.stdout).toMatch(/ingest .* ci-fleet {2}hosts 0 of 5  agent labels any {2}last used never/);
  }, 180_000);

  it('creates a token that expires, changes and revokes it, each audited as the CLI with what changed', async () => {
    const made = await run(['token', 'create', '--name', 'ci-month', '--scope', 'read', '--expires', '30d']);
    expect(made.stderr).toMatch(/created read token "ci-month" expiring \d{4}-\d\d-\d\dT/);
    expect((await run(['token', 'create', '--name', 'x', '--scope', 'read', '--expires', 'soon'])).stderr).toContain('--expires: must be a time such as 30d');
    const row = await db.apiToken.findFirstOrThrow({ where: { name: 'ci-month' } });
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBe(30 * 86400_000);
    expect(row.createdById).toBeNull();
    expect((await run(['token', 'list'])).stdout).toMatch(/ci-month {2}last used never {2}expires \d{4}-/);
    expect((await run(['token', 'limit', 'ci-fleet', '9'])).status).toBe(0);
    expect((await run(['token', 'revoke', 'ci-month'])).status).toBe(0);
    const audit = await db.auditEvent.findMany({ where: { action: { startsWith: 'token.' } }, orderBy: { at: 'asc' } });
    expect(audit.map((e) => [e.actor, e.action, (e.detail as { name?: string }).name])).toEqual([
      ['system:cli', 'token.create', 'ci-fleet'], ['system:cli', 'token.create', 'ci-month'], ['system:cli', 'token.limit', 'ci-fleet'], ['system:cli', 'token.revoke', 'ci-month'],
    ]);
    expect(audit[1]!.detail).toMatchObject({ scope: 'read', expiresAt: row.expiresAt!.toISOString() });
    expect(audit[2]!.detail).toMatchObject({ maxHosts: 9 });
    expect(JSON.stringify(audit)).not.toContain('hr_');
  }, 120_000);

  it('lists the hosts a token enrolled lately, and removes them only with --yes', async () => {
    expect((await run(['token', 'create', '--name', 'ci-flood', '--scope', 'ingest'])).stderr).toContain('enrolling at most 100 hosts');
    const flood = await db.apiToken.findFirstOrThrow({ where: { name: 'ci-flood' } });
    await db.host.createMany({ data: [
      { name: 'made-up-1', enrolledBy: flood.id }, { name: 'made-up-2', enrolledBy: flood.id },
      { name: 'older', enrolledBy: flood.id, createdAt: new Date(Date.now() - 3 * 86_400_000) },
    ] });
    const look = await run(['host', 'remove', '--token', 'ci-flood', '--since', '1h']);
    expect(look.stdout).toMatch(/token "ci-flood" enrolled 2 hosts in the last 1h: made-up-[12], made-up-[12]\nrun again with --yes/);
    expect(await db.host.count({ where: { enrolledBy: flood.id } })).toBe(3);
    expect((await run(['host', 'remove', '--token', 'ci-flood', '--since', 'soon'])).stderr).toContain('--since must be a time such as 30m');
    const gone = await run(['host', 'remove', '--token', 'ci-flood', '--since', '1h', '--yes']);
    expect(gone.stdout).toContain('removed 2 hosts token "ci-flood" enrolled in the last 1h');
    expect((await db.host.findMany({ where: { enrolledBy: flood.id } })).map((h) => h.name)).toEqual(['older']);
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: 'host.removeEnrolled' } })).toMatchObject({ actor: 'system:cli', detail: { removed: 2 } });
  }, 120_000);

  it('adds a user with a piped password, and says which field is wrong', async () => {
    const refused: [string[], string, string][] = [
      [['user', 'add', 'bob', '--role', 'boss'], 'long enough password', '--role: must be admin, editor or viewer'],
      [['user', 'add', 'bob', '--role', 'admin'], 'short', 'password: must be at least 12 characters'],
      [['user', 'add', 'b', '--role', 'admin'], 'long enough password', 'name: must be 2 to 64 characters'],
      [['user', 'add', 'bob', '--rol', 'admin'], 'long enough password', 'unknown flag --rol; did you mean --role?'],
      [['user', 'add', 'bob', '--role', 'admin'], 'long enough password\nlong enough password\n', 'a piped password is one line'],
    ];
    const answers = await Promise.all(refused.map(([args, input]) => run(args, input)));
    answers.forEach((r, i) => {
      const [args, , message] = refused[i]!;
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
    });
    expect(await db.user.count()).toBe(0);
    const added = await run(['user', 'add', 'alice', '--role', 'admin'], 'alice password 1\n');
    expect(added.stdout).toBe('added admin alice\n');
    expect((await run(['user', 'add', 'Alice'], 'another password')).stderr).toContain('a user named Alice exists');
  }, 120_000);

  it('lists users with role, state, creation and last sign-in', async () => {
    await run(['user', 'add', 'carol', '--role', 'viewer'], 'carol password 1');
    await login(db, 'alice', 'alice password 1', { address: '127.0.0.1', userAgent: null });
    await disableUser(db, (await db.user.findUniqueOrThrow({ where: { name: 'carol' } })).id);
    const lines = (await run(['user', 'list'])).stdout.trimEnd().split('\n');
    const stamp = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`;
    expect(lines[0]).toMatch(/^NAME +ROLE +STATE +CREATED +LAST SIGN-IN$/);
    expect(lines[1]).toMatch(new RegExp(`^alice +admin +active +${stamp} +${stamp}$`));
    expect(lines[2]).toMatch(new RegExp(`^carol +viewer +disabled ${stamp} +${stamp} +-$`));
  }, 60_000);

  it('re-enables, unlocks and sets the password of a user, each audited as the CLI', async () => {
    const carol = { address: '127.0.0.2', userAgent: null };
    expect((await run(['user', 'enable', 'carol'])).stdout).toBe('enabled carol\n');
    for (let i = 0; i < 6; i++) await login(db, 'carol', 'wrong', carol).catch(() => {});
    await expect(login(db, 'carol', 'carol password 1', carol)).rejects.toMatchObject({ code: 'too_many_requests' });
    expect((await run(['user', 'unlock', 'Carol'])).stdout).toBe('unlocked carol (5 failed sign-ins cleared)\n');
    await login(db, 'carol', 'carol password 1', carol);
    const reset = await run(['user', 'password', 'carol'], 'carol password 2');
    expect(reset.stdout, reset.stderr).toBe('set the password of carol; 1 sessions ended\n');
    expect(await db.session.count({ where: { user: { name: 'carol' } } })).toBe(0);
    await expect(login(db, 'carol', 'carol password 2', carol)).resolves.toBeDefined();
    expect((await run(['user', 'enable', 'nobody'])).stderr).toContain('no user named nobody');
    const audit = await db.auditEvent.findMany({ where: { target: 'user:carol', action: { in: ['user.enable', 'user.unlock', 'user.resetPassword'] } }, orderBy: { at: 'asc' } });
    expect(audit.map((e) => `${e.actor} ${e.action}`)).toEqual(['system:cli user.enable', 'system:cli user.unlock', 'system:cli user.resetPassword']);
  }, 120_000);

  it('reads the password at a terminal without echoing it, twice', async () => {
    const cmd = [process.execPath, 'bin/headroom.mjs', 'user', 'add', 'dave', '--role', 'editor'];
    const o = { cwd: root, env: envFor(dir) };
    const secret = 'dave secret password';
    const typed = await runOnTerminal(cmd, [{ waitFor: 'password for dave', send: `${secret}\r` }, { waitFor: 'the same again', send: `${secret}\r` }], o);
    expect(typed.status, typed.stdout + typed.stderr).toBe(0);
    expect(typed.stdout).toContain('added editor dave');
    expect(typed.stdout).not.toContain(secret);
    const differ = await runOnTerminal([...cmd.slice(0, 4), 'erin'], [{ waitFor: 'password for erin', send: `${secret}\r` }, { waitFor: 'the same again', send: 'something else\r' }], o);
    expect(differ.status).toBe(2);
    expect(differ.stdout).toContain('password: the two entries differ; no user added');
    expect(await db.user.findMany({ where: { name: { in: ['dave', 'erin'] } }, select: { name: true, role: true } })).toEqual([{ name: 'dave', role: 'editor' }]);
    expect(existsSync(path.join(dir, 'embedded.json'))).toBe(true);
  }, 120_000);
});
