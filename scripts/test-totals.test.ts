// The closing line of `npm test` from real reports: vitest and Playwright run
// scripts/testdata/flaky (a steady test, one passing only on its retry, one
// skipped), and a pass on a retry must fail the run.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTally, missingTally, playwrightTally, summarize, vitestTally, type PlaywrightReport, type VitestReport } from './lib/test-totals.mjs';

const root = path.resolve(import.meta.dirname, '..');
const fixtures = 'scripts/testdata/flaky';
const out = mkdtempSync(path.join(os.tmpdir(), 'hr-totals-'));

type Run = 'flaky' | 'steady' | 'failing';
const runs: Run[] = ['flaky', 'steady', 'failing'];
const runEnv = (run: Run) => (run === 'failing' ? { ...process.env, TOTALS_FIXTURE_FAIL: '1' } : process.env);

/** Runs the real vitest on the fixture; "steady" leaves the flaky test out. Its exit code is not the point: its report is. */
async function vitestReport(run: Run): Promise<VitestReport> {
  const file = path.join(out, `vitest-${run}.json`);
  const filter = run === 'steady' ? ['-t', '^steady$'] : [];
  await promisify(execFile)('node_modules/.bin/vitest', ['run', '--config', `${fixtures}/vitest.config.ts`, '--reporter=json', `--outputFile.json=${file}`, ...filter], { cwd: root, env: runEnv(run) }).catch(() => {});
  return JSON.parse(readFileSync(file, 'utf8')) as VitestReport;
}

async function playwrightReport(run: Run): Promise<PlaywrightReport> {
  const file = path.join(out, `playwright-${run}.json`);
  const filter = run === 'steady' ? ['-g', 'steady'] : [];
  await promisify(execFile)('node_modules/.bin/playwright', ['test', '--config', `${fixtures}/playwright.config.ts`, '--reporter=json', '--output', path.join(out, `pw-${run}`), ...filter], {
    cwd: root, env: { ...runEnv(run), PLAYWRIGHT_JSON_OUTPUT_FILE: file },
  }).catch(() => {});
  return JSON.parse(readFileSync(file, 'utf8')) as PlaywrightReport;
}

describe('the totals npm test closes with', () => {
  const vitest = {} as Record<Run, VitestReport>;
  const playwright = {} as Record<Run, PlaywrightReport>;
  beforeAll(async () => {
    await Promise.all(runs.map(async (r) => { vitest[r] = await vitestReport(r); }));
    // One Playwright at a time: each starts several processes of its own.
    for (const r of runs) playwright[r] = await playwrightReport(r);
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each([
    { runner: 'vitest', tally: () => vitestTally(vitest.flaky), failure: 'vitest flaky: flaky' },
    { runner: 'Playwright', tally: () => playwrightTally(playwright.flaky), failure: 'playwright flaky: playwright.fixture.ts: flaky' },
  ])('count a $runner test that passed only on its retry as flaky, and fail the run', ({ tally, failure }) => {
    const t = tally();
    expect(t).toMatchObject({ passed: 1, failed: 0, flaky: 1, skipped: 1 });
    const s = summarize([checkTally('typecheck', true), t]);
    expect(s.line).toBe('2 passed, 0 failed, 1 skipped, 1 flaky');
    expect(s.ok).toBe(false);
    expect(s.failures).toEqual([failure]);
  });

  it('pass a run of steady tests, and fail one with a failing test', () => {
    const steady = summarize([checkTally('typecheck', true), vitestTally(vitest.steady), playwrightTally(playwright.steady)]);
    expect(steady).toMatchObject({ ok: true, failures: [], flaky: 0, failed: 0 });
    expect(steady.passed).toBe(3);
    const failing = summarize([vitestTally(vitest.failing), playwrightTally(playwright.failing)]);
    expect(failing).toMatchObject({ ok: false, failed: 2, flaky: 2 });
    expect(failing.line).toBe('0 passed, 2 failed, 2 skipped, 2 flaky');
  });

  it('fail a run whose runner left no report, or whose check failed', () => {
    expect(summarize([vitestTally(null)])).toMatchObject({ ok: false, failed: 1, failures: ['vitest produced no report'] });
    expect(summarize([playwrightTally(null)])).toMatchObject({ ok: false, failed: 1 });
    expect(summarize([checkTally('next build', false), missingTally('browser tests not run: the build failed')]))
      .toMatchObject({ ok: false, failed: 2, line: '0 passed, 2 failed, 0 skipped, 0 flaky' });
  });
});
