// The alerts page's view: the alerts of the view asked for, the silences, and who may act on them.
import { describe, expect, it } from 'vitest';
import { createSilence, evaluateAlerts, silenceInput } from '../alerts';
import { ingestReport } from '../ingest';
import { atOnce, rulesFireAtOnce } from '../testing/alerting';
import { testPrincipal } from '../testing/principal';
import { makeReport } from '../testing/report-factory';
import { useRouteDatabase } from '../testing/route-database';
import { alertsPage } from './alerts';
import type { Viewer } from './viewer';

const editor: Viewer = { id: 'u1', name: 'eve', role: 'editor' };
const viewer: Viewer = { id: 'u2', name: 'vic', role: 'viewer' };

describe('the alerts page view', () => {
  let quietId: string;
  useRouteDatabase('pglite', async (t) => {
    await rulesFireAtOnce(t.db);
    for (const name of ['hot-1', 'hot-2']) {
      const r = makeReport({ hostName: name, instances: 125 });
      r.host.labels = [name === 'hot-1' ? 'ci' : 'prod'];
      const { hostId } = await ingestReport(t.db, testPrincipal, r);
      if (name === 'hot-2') quietId = hostId;
    }
    await evaluateAlerts(t.db, atOnce);
    await createSilence(t.db, silenceInput.parse({ hostId: quietId, endsAt: new Date(Date.now() + 3600_000).toISOString(), reason: 'upgrade' }), 'eve');
  });

  it('lists the firing alerts nobody handles, the silences and what can be silenced', async () => {
    const view = await alertsPage(editor, {});
    expect(view.filter.view).toBe('firing');
    expect(view.table.alerts.map((a) => a.host.name)).toEqual(['hot-1']);
    expect([...view.table.silencedHostIds]).toEqual([quietId]);
    expect(view.silences.silences).toMatchObject([{ target: 'hot-2', reason: 'upgrade', createdBy: 'eve' }]);
    expect(view.silenceForm).toMatchObject({ hosts: [{ name: 'hot-1' }, { name: 'hot-2' }], labels: ['ci', 'prod'], locked: undefined });
    expect(view.table.locked).toBeUndefined();
  });

  it('links each view keeping the filters, and reads the one asked for', async () => {
    const view = await alertsPage(editor, { view: 'silenced', severity: 'critical', host: '' });
    expect(view.table.alerts.map((a) => a.host.name)).toEqual(['hot-2']);
    expect(view.tabs.filter((x) => x.current).map((x) => x.label)).toEqual(['Silenced']);
    expect(view.tabs.map((x) => x.href)).toContain('?view=resolved&severity=critical');
    expect((await alertsPage(editor, { host: 'nothing-like-it' })).table.alerts).toEqual([]);
  });

  it('tells a viewer why they cannot acknowledge or silence', async () => {
    const view = await alertsPage(viewer, {});
    expect(view.table.locked).toBe('viewers cannot acknowledge alerts; ask an editor or an admin');
    expect(view.silences.locked).toBe('viewers cannot silence alerts; ask an editor or an admin');
    expect(view.silenceForm!.locked).toBe(view.silences.locked);
  });
});
