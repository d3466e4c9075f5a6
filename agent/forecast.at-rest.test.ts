// The forecast on a real host at rest: the real agent reports this machine to
// a real server for a few minutes; no dimension may be on course to fill. Run
// by npm test after everything else, alone (HEADROOM_TEST_AT_REST=1). The
// same readings replayed 15 s apart (a few minutes stretched to the width of
// every trend window) must give no forecast either: that is where the fit has
// enough to go on, so it is the part that could fail.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dimensionColumns, dimensionKeys, dimensionSpec } from '../lib/dimensions';
import { getHost } from '../lib/hosts';
import { advanceTrend, secondsToExhaustion, type TrendSeen } from '../lib/risk';
import { startAppServer, type AppServer } from '../lib/testing/app-server';
import { useRouteApi } from '../lib/testing/route-database';
import { until } from '../lib/testing/wait';
import { agentBundle } from './testdata/holder';

const SECONDS = Number(process.env.HEADROOM_TEST_IDLE_SECONDS ?? 180);
const HOST = 'idle-machine';

describe('the forecast on this machine at rest, from the real agent', () => {
  const api = useRouteApi('postgres');
  let server: AppServer | undefined;
  afterAll(async () => { await server?.stop(); });

  it(`shows no limit on course to fill after ${SECONDS} s of reports, nor in those readings stretched to a whole window`, async () => {
    server = await startAppServer();
    const spool = mkdtempSync(path.join(os.tmpdir(), 'hr-idle-'));
    const agent = spawn(process.execPath, [agentBundle, '--interval', '1', '--host-name', HOST, '--spool-dir', spool, '--no-failure-capture'], {
      env: { ...process.env, HEADROOM_SERVER: server.url, HEADROOM_TOKEN: api.token.ingest }, stdio: 'ignore',
    });
    await new Promise((r) => setTimeout(r, SECONDS * 1000)); // the time at rest is the thing measured
    agent.kill('SIGTERM');
    await until('the agent to stop', () => agent.exitCode !== null, 15_000);

    const host = await api.t.db.host.findUniqueOrThrow({ where: { name: HOST } });
    const rows = await api.t.db.$queryRawUnsafe<Record<string, number>[]>(`
      SELECT ${dimensionKeys.flatMap((k) => [`${dimensionColumns[k].used}::float8 AS "${k}"`, `${dimensionColumns[k].limit}::float8 AS "${k}_limit"`]).join(', ')}
      FROM report WHERE host_id = $1::uuid ORDER BY collected_at`, host.id);
    expect(rows.length).toBeGreaterThan(SECONDS / 2);
    expect((await getHost(api.t.db, host.id)).summary.exhaustion).toEqual(Object.fromEntries(dimensionKeys.map((k) => [k, null])));

    const t0 = Date.UTC(2026, 0, 1);
    for (const k of dimensionKeys) {
      const windowMs = dimensionSpec[k].forecastWindowMs;
      // Read again from the start as often as it takes to fill the window twice over.
      const replays = Math.ceil((2 * windowMs) / (rows.length * 15_000));
      let seen: TrendSeen | null = null;
      const forecasts: string[] = [];
      for (let i = 0; i < rows.length * replays; i++) {
        const r = rows[i % rows.length]!;
        const step = advanceTrend(seen, { at: t0 + i * 15_000, used: r[k]!, boot: 'b', series: 's' }, windowMs);
        seen = { boot: 'b', series: 's', ...step };
        const secs = secondsToExhaustion(r[k]!, r[`${k}_limit`]!, step.slope);
        if (secs !== null) forecasts.push(`${r[k]} of ${r[`${k}_limit`]}: full in ${Math.round(secs)} s`);
      }
      expect(forecasts, k).toEqual([]);
    }
  }, (SECONDS + 120) * 1000);
});
