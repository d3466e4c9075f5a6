// `npm test`: every check and test the project has, in the order CI needs them,
// ending with one plain "N passed, N failed, N skipped" line of real totals.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const out = 'test-results/summary';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

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
  totals[ok ? 'passed' : 'failed']++;
  if (!ok) failures.push(title);
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
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += v.numPendingTests + v.numTodoTests;
  if (v.numFailedTests || !v.success) failures.push('vitest');
  if (v.numTotalTests === 0) { totals.failed++; failures.push('vitest ran no test'); }
} else {
  totals.failed++;
  failures.push('vitest produced no report');
}

// The server image's runtime stage, run as the image runs it (no Docker engine here).
if (built) check('server image', 'node', ['--conditions=react-server', '--import', 'tsx', 'scripts/check-image.ts']);
const pwJson = `${out}/playwright.json`;
if (built && agentBuilt) {
  run('browser tests', npx('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_FILE: pwJson });
  if (existsSync(pwJson)) {
    const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats;
    totals.passed += s.expected + s.flaky;
    totals.failed += s.unexpected;
    totals.skipped += s.skipped;
    if (s.unexpected) failures.push('playwright');
    if (s.expected + s.flaky + s.unexpected === 0) { totals.failed++; failures.push('playwright ran no test'); }
  } else {
    totals.failed++;
    failures.push('playwright produced no report');
  }
} else {
  totals.failed++;
  failures.push('browser tests not run: the build failed');
}

console.log(`\n${failures.length ? `failed: ${failures.join(', ')}` : 'all green'}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length ? 1 : 0);
