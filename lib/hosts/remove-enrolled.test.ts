// A leaked token's flood of made-up hosts goes in one act: the hosts it
// enrolled in a window, no others, with everything kept about them.
import { describe, expect, it } from 'vitest';
import { createToken, revokeToken } from '../access';
import { cliActor, runCommand } from '../commands';
import { useRouteApi } from '../testing/route-database';
import { postReport } from '../testing/http';
import { makeReport } from '../testing/report-factory';
import { enrolledHosts } from './remove-enrolled';

describe.each(['postgres', 'pglite'] as const)('removing the hosts a token enrolled, on %s', (kind) => {
  const api = useRouteApi(kind);

  it('removes exactly the window\'s hosts of that token, history included, and says what it removed', async () => {
    const t = api.t;
    const leaked = await createToken(t.db, { name: 'leaked', scope: 'ingest', maxHosts: 'none' });
    const other = await createToken(t.db, { name: 'other', scope: 'ingest' });
    for (const name of ['real-1', 'fake-1', 'fake-2', 'fake-3']) expect((await postReport(makeReport({ hostName: name }), leaked.token)).status).toBe(202);
    expect((await postReport(makeReport({ hostName: 'theirs' }), other.token)).status).toBe(202);
    const hourAgo = new Date(Date.now() - 3_600_000);
    await t.db.host.update({ where: { name: 'real-1' }, data: { createdAt: new Date(Date.now() - 2 * 86_400_000) } });
    await revokeToken(t.db, leaked.id);

    const window = { from: 'leaked', after: hourAgo, before: new Date() };
    const seen = await enrolledHosts(t.db, window);
    expect(seen.count).toBe(3);
    expect(seen.hosts.map((h) => h.name).sort()).toEqual(['fake-1', 'fake-2', 'fake-3']);
    // A host enrolled after the preview is not removed unseen.
    expect((await postReport(makeReport({ hostName: 'fake-late' }), other.token)).status).toBe(202);
    await t.db.host.update({ where: { name: 'fake-late' }, data: { enrolledBy: leaked.id } });

    const removed = await runCommand('host.removeEnrolled', cliActor, { ...window, after: window.after.toISOString(), before: window.before.toISOString() }, { db: t.db });
    expect(removed.hosts.map((h) => h.name)).toEqual(['fake-1', 'fake-2', 'fake-3']);
    expect((await t.db.host.findMany({ orderBy: { name: 'asc' }, select: { name: true } })).map((h) => h.name)).toEqual(['fake-late', 'real-1', 'theirs']);
    expect(await t.db.report.count({ where: { host: { name: { startsWith: 'fake-' } } } })).toBe(1);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'host.removeEnrolled' } });
    expect(audit).toMatchObject({ actor: 'system:cli', target: `token:${leaked.id}`, detail: { token: 'leaked', removed: 3, hosts: ['fake-1', 'fake-2', 'fake-3'] } });
  });

  it('refuses an empty window, a wrong token or a backwards window, and removes nothing', async () => {
    const t = api.t;
    const tok = await createToken(t.db, { name: 'quiet', scope: 'ingest' });
    const reader = await createToken(t.db, { name: 'reader', scope: 'read' });
    expect((await postReport(makeReport({ hostName: 'kept' }), tok.token)).status).toBe(202);
    const before = await t.db.host.count();
    const now = new Date();
    const run = (input: unknown) => runCommand('host.removeEnrolled', cliActor, input, { db: t.db });
    await expect(run({ from: 'quiet', after: new Date(now.getTime() - 60_000).toISOString(), before: new Date(now.getTime() - 30_000).toISOString() }))
      .rejects.toThrow('token "quiet" enrolled no host in that window');
    await expect(run({ from: 'nobody', before: now.toISOString() })).rejects.toThrow('no token matches "nobody"');
    await expect(run({ from: reader.id, before: now.toISOString() })).rejects.toThrow('is a read token');
    await expect(run({ from: 'quiet', after: now.toISOString(), before: now.toISOString() })).rejects.toThrow('After: must be before the end of the window');
    await expect(run({ from: 'quiet', before: 'yesterday' })).rejects.toThrow(/before: must be a time/i);
    expect(await t.db.host.count()).toBe(before);
  });
});
