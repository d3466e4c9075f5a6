// For tests about what alerts say and where they go, not when: the default
// rules' waits taken out (each test of the waits states its own).
import { afterAll, beforeAll } from 'vitest';
import { createChannel } from '../alerts';
import type { Db } from '../server/db/client';
import { openTestDatabase, type DbKind, type TestDatabase } from './databases';
import { startWebhookReceiver, type WebhookReceiver } from './receivers';

/** Evaluation options that resolve an alert as soon as its condition clears. */
export const atOnce = { publicUrl: 'http://headroom.test', repeatMs: 4 * 3600_000, groupWaitMs: 0, resolveAfterMs: 0 };

/** The default rules fire on the first round past their level (time to exhaustion keeps its 3 minutes). */
export async function rulesFireAtOnce(db: Db): Promise<void> {
  await db.alertRule.updateMany({ where: { dimension: { not: 'exhaustion' } }, data: { forSeconds: 0 } });
}

/**
 * The file's database, with one webhook channel to a receiver this test
 * started: what the rounds announce arrives at `hook.received`.
 */
export function useWebhookAlerting(kind: DbKind, setup: (db: Db) => Promise<void> = async () => {}) {
  const ctx = {} as { t: TestDatabase; hook: WebhookReceiver };
  beforeAll(async () => {
    ctx.t = await openTestDatabase(kind);
    ctx.hook = await startWebhookReceiver();
    await setup(ctx.t.db);
    await createChannel(ctx.t.db, { kind: 'webhook', name: 'hook', enabled: true, config: { url: ctx.hook.url } });
  });
  afterAll(async () => {
    await ctx.hook?.close();
    await ctx.t?.close();
  });
  return ctx;
}
