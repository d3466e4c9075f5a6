// The totals `npm test` closes with, from its checks and the JSON reports of
// vitest and Playwright. A test that passed only on a retry is flaky: it is
// counted apart from the passes and fails the run, so a flake gets fixed, not hidden.

const zero = () => ({ passed: 0, failed: 0, flaky: 0, skipped: 0, failures: [] });

/** A check (typecheck, lint, a build) counts as one test. */
export function checkTally(title, ok) {
  return { ...zero(), passed: ok ? 1 : 0, failed: ok ? 0 : 1, failures: ok ? [] : [title] };
}

/** A tally for a runner that produced no report, or never ran. */
export function missingTally(why) {
  return { ...zero(), failed: 1, failures: [why] };
}

/**
 * A vitest JSON report (--reporter=json). Vitest reports a test that passed on
 * a retry as passed, keeping the earlier tries' errors: that is how it shows here.
 */
export function vitestTally(report) {
  if (!report) return missingTally('vitest produced no report');
  const tests = report.testResults.flatMap((file) => file.assertionResults);
  const flaky = tests.filter((t) => t.status === 'passed' && t.failureMessages?.length).map((t) => t.fullName);
  const t = {
    passed: report.numPassedTests - flaky.length,
    failed: report.numFailedTests,
    flaky: flaky.length,
    skipped: report.numPendingTests + report.numTodoTests,
    failures: [],
  };
  if (report.numFailedTests) t.failures.push('vitest');
  else if (!report.success) { t.failed++; t.failures.push('vitest failed outside any test'); }
  if (flaky.length) t.failures.push(`vitest flaky: ${flaky.join('; ')}`);
  if (report.numTotalTests === 0) { t.failed++; t.failures.push('vitest ran no test'); }
  return t;
}

/** A Playwright JSON report (--reporter=json), whose stats count a pass on a retry as flaky. */
export function playwrightTally(report) {
  if (!report) return missingTally('playwright produced no report');
  const s = report.stats;
  const t = { passed: s.expected, failed: s.unexpected, flaky: s.flaky, skipped: s.skipped, failures: [] };
  if (s.unexpected) t.failures.push('playwright');
  if (s.flaky) t.failures.push(`playwright flaky: ${flakyTitles(report.suites ?? []).join('; ')}`);
  if (s.expected + s.flaky + s.unexpected === 0) { t.failed++; t.failures.push('playwright ran no test'); }
  return t;
}

function flakyTitles(suites) {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).flatMap((spec) => spec.tests.filter((x) => x.status === 'flaky').map((x) => `${x.projectName ? `[${x.projectName}] ` : ''}${spec.file}: ${spec.title}`)),
    ...flakyTitles(suite.suites ?? []),
  ]);
}

/** The run's totals, its closing line, and whether it passed. */
export function summarize(tallies) {
  const t = zero();
  for (const x of tallies) {
    t.passed += x.passed;
    t.failed += x.failed;
    t.flaky += x.flaky;
    t.skipped += x.skipped;
    t.failures.push(...x.failures);
  }
  const ok = t.failures.length === 0 && t.failed === 0 && t.flaky === 0;
  return { ...t, ok, line: `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped, ${t.flaky} flaky` };
}
