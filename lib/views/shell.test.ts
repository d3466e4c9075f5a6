// The frame of every signed-in page: the bell's count and the background banner, never an error.
import { describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../alerts';
import { ingestReport } from '../ingest';
import { createDb, setDbForTests } from '../server/db/client';
import { atOnce, rulesFireAtOnce } from '../testing/alerting';
import type { TestDatabase } from '../testing/databases';
import { testPrincipal } from '../testing/principal';
import { makeReport } from '../testing/report-factory';
import { useRouteDatabase } from '../testing/route-database';
import { appShell } from './shell';

const viewer = { id: 'u1', name: 'vic', role: 'viewer' } as const;

describe('the app shell view', () => {
  let t: TestDatabase;
  useRouteDatabase('pglite', async (db) => {
    t = db;
    await rulesFireAtOnce(t.db);
    await ingestReport(t.db, testPrincipal, makeReport({ hostName: 'hot-1', instances: 125 }));
    await evaluateAlerts(t.db, atOnce);
  });

  it('counts the firing alerts and reads the background status', async () => {
    const shell = appShell(viewer);
    expect(shell.user).toEqual({ name: 'vic', role: 'viewer' });
    expect(await shell.firing).toBe(1);
    // Evaluation just ran; no worker has rolled anything up.
    expect(await shell.background).toMatchObject({ evaluationBehind: false });
  });

  it('answers null instead of failing when the database cannot be read', async () => {
    const down = createDb('postgres://postgres@127.0.0.1:1/nothing');
    setDbForTests(down);
    try {
      const shell = appShell(viewer);
      expect([await shell.firing, await shell.background]).toEqual([null, null]);
    } finally {
      setDbForTests(t.db);
      await down.$disconnect();
    }
  });
});
