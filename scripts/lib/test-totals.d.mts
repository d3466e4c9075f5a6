// Types for the tests of test-totals.mjs (plain JS: test-all.mjs runs it before any build or tsx).
export interface Tally { passed: number; failed: number; flaky: number; skipped: number; failures: string[] }
/** The parts of a vitest JSON report the totals read. */
export interface VitestReport {
  numTotalTests: number; numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; success: boolean;
  testResults: { assertionResults: { fullName: string; status: string; failureMessages: string[] | null }[] }[];
}
interface PlaywrightSuite { specs?: { title: string; file: string; tests: { status: string; projectName: string }[] }[]; suites?: PlaywrightSuite[] }
/** The parts of a Playwright JSON report the totals read. */
export interface PlaywrightReport { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; suites?: PlaywrightSuite[] }
export function checkTally(title: string, ok: boolean): Tally;
export function missingTally(why: string): Tally;
export function vitestTally(report: VitestReport | null): Tally;
export function playwrightTally(report: PlaywrightReport | null): Tally;
export function summarize(tallies: Tally[]): Tally & { ok: boolean; line: string };
