// Run by scripts/test-totals.test.ts through the real vitest: one steady test
// (failing when TOTALS_FIXTURE_FAIL is set), one that fails its first try and
// passes its retry, one skipped.
import { expect, it } from 'vitest';

let tries = 0;

it('steady', () => {
  expect(process.env.TOTALS_FIXTURE_FAIL, 'told to fail').toBeUndefined();
});

it('flaky', { retry: 1 }, () => {
  tries++;
  expect(tries, 'fails the first try only').toBe(2);
});

it.skip('skipped', () => {});
