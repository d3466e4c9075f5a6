// Run by scripts/test-totals.test.ts through the real Playwright (no browser):
// one steady test (failing when TOTALS_FIXTURE_FAIL is set), one that fails its
// first try and passes its retry, one skipped.
import { expect, test } from '@playwright/test';

test('steady', () => {
  expect(process.env.TOTALS_FIXTURE_FAIL, 'told to fail').toBeUndefined();
});

test('flaky', () => {
  expect(test.info().retry, 'fails the first try only').toBe(1);
});

test.skip('skipped', () => {});
