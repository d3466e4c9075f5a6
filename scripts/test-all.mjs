// `npm test`: every check and test the project has, in the order CI needs them,
// ending with one plain "N passed, N failed, N skipped, N flaky" line of real
// totals (scripts/lib/test-totals.mjs); a flaky test fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { checkTally, missingTally, playwrightTally, summarize, vitestTally } from './lib/test-totals.mjs';

const out = 'test-results/summary';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const tallies = [];
const report = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);

function run(title, cmd, args, extraEnv = {}) {
  console.log(`\n━━ ${title}: ${[cmd, ...args].join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  console.log(`━━ ${title}: ${r.status === 0 ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

/** A check counts as one test. */
function check(title, cmd, args) {
  const ok = run(title, cmd, args);
  tallies.push(checkTally(title, ok));
  return ok;
}

const npx = (bin) => `node_modules/.bin/${bin}`;
check('typecheck', npx('tsc'), ['--noEmit']);
check('boundaries', 'node', ['scripts/lint.mjs']);
check('migration drift', npx('tsx'), ['scripts/migrate-drift.ts']);
const agentBuilt = check('agent bundle', 'node', ['scripts/build-agent.mjs']);

// Before the unit tests: those that start `headroom serve` need a dashboard build.
const built = check('next build', npx('next'), ['build']);

const vitestJson = `${out}/vitest.json`;
run('unit and integration tests', npx('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
tallies.push(vitestTally(report(vitestJson)));

// The server image's runtime stage, run as the image runs it (no Docker engine here).
if (built) check('server image', 'node', ['--conditions=react-server', '--import', 'tsx', 'scripts/check-image.ts']);
const pwJson = `${out}/playwright.json`;
if (built && agentBuilt) {
  run('browser tests', npx('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_FILE: pwJson });
  tallies.push(playwrightTally(report(pwJson)));
} else {
  tallies.push(missingTally('browser tests not run: the build failed'));
}

// On a Citus coordinator, when one is given: not part of a plain run, and it says so.
if (process.env.HEADROOM_TEST_CITUS_URL) {
  const citusJson = `${out}/vitest-citus.json`;
  run('citus', npx('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${citusJson}`, 'citus'], { HEADROOM_TEST_CITUS: '1' });
  tallies.push(vitestTally(report(citusJson)));
} else {
  console.log('\n━━ citus: not run (HEADROOM_TEST_CITUS_URL names no Citus coordinator; see docs/scaling.md)');
}

// Last, with nothing else running: the real agent on this machine at rest (no forecast may appear).
const restJson = `${out}/vitest-at-rest.json`;
run('at rest', npx('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${restJson}`, 'at-rest'], { HEADROOM_TEST_AT_REST: '1' });
tallies.push(vitestTally(report(restJson)));

const totals = summarize(tallies);
console.log(`\n${totals.ok ? 'all green' : `failed: ${totals.failures.join(', ')}`}`);
console.log(totals.line);
process.exit(totals.ok ? 0 : 1);
