// How long a sign-in attempt must wait: a pure rule over the failures counted
// for each of its keys (lib/access/login.ts counts them in the database).

/** Failures on a key before it slows down: one browser's, one address's on one account, one account's, one address's. */
export const FREE_FAILURES = { device: 5, pair: 5, account: 10, address: 20 } as const;
export type ThrottleKey = keyof typeof FREE_FAILURES;

export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 15 * 60_000;
/** Failures older than this are forgotten (and pruned daily, lib/history/retention.ts). */
export const FAILURE_WINDOW_MS = 24 * 3600_000;

/** The wait after the latest of `failures` earlier failures on a key: none while free, then doubling to the cap. */
export function delayAfter(failures: number, free: number): number {
  return failures < free ? 0 : Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - free));
}

export interface KeyCount { key: ThrottleKey; failures: number; latest: Date | null }

/** Milliseconds the attempt at `now` must still wait (0: it may go on), the longest any key asks. */
export function waitFor(counts: KeyCount[], now: Date): number {
  let wait = 0;
  for (const c of counts) {
    if (!c.latest) continue;
    wait = Math.max(wait, c.latest.getTime() + delayAfter(c.failures, FREE_FAILURES[c.key]) - now.getTime());
  }
  return wait;
}
