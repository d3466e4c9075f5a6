// A host belongs to the ingest token that enrolled it: another token's
// reports for it are refused and store nothing, until an admin moves it.
import { describe, expect, it } from 'vitest';
import { PUT as hostTokenPut } from '@/app/api/v1/hosts/[id]/token/route';
import { createToken, revokeToken } from '../access';
import { cliActor, runCommand } from '../commands';
import { useRouteApi } from '../testing/route-database';
import { postReport } from '../testing/http';
import { makeReport } from '../testing/report-factory';
import { prepare } from './prepare';
import { writeBatch } from './write-batch';

const moveVia = (hostId: string, body: unknown, admin: string) => hostTokenPut(
  new Request(`http://test/api/v1/hosts/${hostId}/token`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  { params: Promise.resolve({ id: hostId }) });

describe.each(['postgres', 'pglite'] as const)('host ownership on %s', (kind) => {
  const api = useRouteApi(kind);

  it('refuses a second token\'s report for an enrolled host, storing nothing, until an admin moves the host', async () => {
    const t = api.t;
    const a = await createToken(t.db, { name: 'team-a', scope: 'ingest' });
    const b = await createToken(t.db, { name: 'team-b', scope: 'ingest' });
    const at = Date.now() - 60_000;
    expect((await postReport(makeReport({ hostName: 'owned', collectedAt: new Date(at), instances: 10 }), a.token)).status).toBe(202);
    const host = await t.db.host.findUniqueOrThrow({ where: { name: 'owned' }, include: { state: true } });
    expect(host.enrolledBy).toBe(a.id);

    const forged = await postReport(makeReport({ hostName: 'owned', collectedAt: new Date(at + 15_000), instances: 7, labels: ['muted'] }), b.token);
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { message: string } }).error.message).toMatch(/belongs to another ingest token/);
    expect(await t.db.report.count({ where: { hostId: host.id } })).toBe(1);
    const after = await t.db.host.findUniqueOrThrow({ where: { id: host.id }, include: { state: true } });
    expect([after.state!.collectedAt, after.agentLabels, after.enrolledBy]).toEqual([host.state!.collectedAt, host.agentLabels, a.id]);

    // An admin gives the host to team-b: from then on b's reports are taken and a's refused.
    const moved = await moveVia(host.id, { token: 'team-b' }, api.token.admin);
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ token: { name: 'team-b' }, hosts: [{ name: 'owned' }] });
    expect((await postReport(makeReport({ hostName: 'owned', collectedAt: new Date(at + 30_000) }), b.token)).status).toBe(202);
    expect((await postReport(makeReport({ hostName: 'owned', collectedAt: new Date(at + 45_000) }), a.token)).status).toBe(403);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'host.move' } });
    expect([audit.actor, audit.target, audit.detail]).toEqual(['token:test-admin', `host:${host.id}`, { token: 'team-b', from: null, moved: 1, hosts: ['owned'] }]);
  });

  it('refuses to move a host to a token that is not an ingest one, or is full, changing nothing', async () => {
    const t = api.t;
    const own = await createToken(t.db, { name: 'own-c', scope: 'ingest' });
    await postReport(makeReport({ hostName: 'stay' }), own.token);
    const id = (await t.db.host.findUniqueOrThrow({ where: { name: 'stay' } })).id;
    const full = await createToken(t.db, { name: 'full-c', scope: 'ingest', maxHosts: 1 });
    await postReport(makeReport({ hostName: 'full-host' }), full.token);
    const read = await moveVia(id, { token: 'test-read' }, api.token.admin);
    expect([read.status, ((await read.json()) as { error: { message: string } }).error.message]).toEqual([400, '"test-read" is a read token: hosts belong to ingest tokens']);
    const over = await moveVia(id, { token: 'full-c' }, api.token.admin);
    expect([over.status, ((await over.json()) as { error: { message: string } }).error.message]).toEqual([400, expect.stringMatching(/may hold 1 hosts and holds 1/)]);
    expect((await t.db.host.findUniqueOrThrow({ where: { id } })).enrolledBy).toBe(own.id);
    expect(await t.db.auditEvent.count({ where: { action: 'host.move', target: `host:${id}` } })).toBe(0);
  });

  it('moves every host of a revoked token to its replacement in one command, from the CLI', async () => {
    const t = api.t;
    const old = await createToken(t.db, { name: 'leaked', scope: 'ingest' });
    for (const n of ['r-1', 'r-2', 'r-3']) await postReport(makeReport({ hostName: n }), old.token);
    await revokeToken(t.db, old.id);
    const next = await createToken(t.db, { name: 'leaked-next', scope: 'ingest' });
    expect((await postReport(makeReport({ hostName: 'r-1' }), next.token)).status).toBe(403);
    const m = await runCommand('host.move', cliActor, { from: 'leaked', token: 'leaked-next' }, { db: t.db });
    expect(m.hosts.map((h) => h.name)).toEqual(['r-1', 'r-2', 'r-3']);
    expect(await t.db.host.count({ where: { enrolledBy: next.id } })).toBe(3);
    expect((await postReport(makeReport({ hostName: 'r-2', collectedAt: new Date(Date.now() - 1000) }), next.token)).status).toBe(202);
    expect((await t.db.auditEvent.findFirstOrThrow({ where: { action: 'host.move', target: `token:${old.id}` } })).actor).toBe('system:cli');
  });

  // A limited token takes a lock and reads the names again: the other path through enrolment.
  it.each([null, 5])('lets exactly one of several tokens (host limit %s) enrol a new name they report at once', async (maxHosts) => {
    const t = api.t;
    const tokens = await Promise.all([...Array(6).keys()].map((i) => createToken(t.db, { name: `race-${i}`, scope: 'ingest', maxHosts })));
    const results = (await Promise.all(tokens.map((tok) => writeBatch(t.db, [
      prepare(makeReport({ hostName: `contested-${maxHosts}` }), new Date(), undefined, { tokenId: tok.id, tokenName: tok.name, maxHosts }),
    ])))).flat();
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const owner = (await t.db.host.findUniqueOrThrow({ where: { name: `contested-${maxHosts}` } })).enrolledBy;
    expect(owner).toBe(tokens[results.findIndex((r) => r.ok)]!.id);
    expect(await t.db.report.count({ where: { host: { name: `contested-${maxHosts}` } } })).toBe(1);
  });
});
