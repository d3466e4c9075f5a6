// For tests about what alerts say and where they go, not when (each test of
// the waits states its own).

/** Evaluation options that resolve an alert as soon as its condition clears. */
export const atOnce = { publicUrl: 'http://headroom.test', repeatMs: 4 * 3600_000, groupWaitMs: 0, resolveAfterMs: 0 };

