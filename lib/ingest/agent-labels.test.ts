// What an ingest token's policy does to its agents' labels: kept, dropped or
// filtered at ingest, and trusted by silences only when an admin listed them.
import { describe, expect, it } from 'vitest';
import { createToken } from '../access';
import { cliActor, runCommand } from '../commands';
import { allHostRows, silenceLabels } from '../hosts';
import { useRouteApi } from '../testing/route-database';
import { postReport } from '../testing/http';
import { makeReport } from '../testing/report-factory';

describe.each(['postgres', 'pglite'] as const)('agent labels per token on %s', (kind) => {
  const api = useRouteApi(kind);

  it('keeps, drops or filters what agents send, and lets silences match only listed ones', async () => {
    const t = api.t;
    const open = await createToken(t.db, { name: 'open', scope: 'ingest' });
    const closed = await createToken(t.db, { name: 'closed', scope: 'ingest', agentLabels: 'none' });
    const listed = await createToken(t.db, { name: 'listed', scope: 'ingest', agentLabels: 'ci, region=*' });
    const labels = ['ci', 'maintenance', 'region=eu'];
    for (const [name, tok] of [['h-open', open], ['h-closed', closed], ['h-listed', listed]] as const) {
      expect((await postReport(makeReport({ hostName: name, labels }), tok.token)).status).toBe(202);
    }
    const stored = Object.fromEntries((await t.db.host.findMany({ select: { name: true, agentLabels: true } })).map((h) => [h.name, h.agentLabels]));
    expect(stored).toMatchObject({ 'h-open': labels, 'h-closed': [], 'h-listed': ['ci', 'region=eu'] });

    const byName = new Map((await allHostRows(t.db)).map((h) => [h.name, h]));
    // "maintenance" sent by an agent of a shared token would otherwise meet a silence on it.
    expect(silenceLabels(byName.get('h-open')!)).toEqual([]);
    expect(silenceLabels(byName.get('h-listed')!)).toEqual(['ci', 'region=eu']);

    await runCommand('token.labels', cliActor, { token: 'open', agentLabels: 'maintenance' }, { db: t.db });
    expect(silenceLabels((await allHostRows(t.db)).find((h) => h.name === 'h-open')!)).toEqual(labels);
    expect((await t.db.auditEvent.findFirstOrThrow({ where: { action: 'token.labels' } })).detail).toMatchObject({ agentLabels: 'maintenance' });
  });

  it('refuses a policy that is not a list of labels, changing nothing', async () => {
    const t = api.t;
    await createToken(t.db, { name: 'pol', scope: 'ingest' });
    await expect(runCommand('token.labels', cliActor, { token: 'pol', agentLabels: 'ci, <!channel>' }, { db: t.db })).rejects.toThrow(/<!channel>/);
    await expect(createToken(t.db, { name: 'r', scope: 'read', agentLabels: 'ci' })).rejects.toThrow();
    expect((await t.db.apiToken.findFirstOrThrow({ where: { name: 'pol' } })).agentLabels).toBe('any');
  });
});
