// A leaked token's made-up hosts report once and go silent: their alerts go
// out together after the real ones, never splitting the digests or crowding
// out a real host's alert. Real rounds and delivery on both databases.
import { describe, expect, it } from 'vitest';
import type { AlertMessage } from './message';
import { dbKinds } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { testPrincipal as principal } from '../testing/principal';
import { deliverNotifications } from './deliver-notifications';
import { evaluateAlerts } from './evaluate-alerts';
import { ingestReport } from '../ingest';
import { atOnce, rulesFireAtOnce, useWebhookAlerting } from '../testing/alerting';

const S = 1000;

describe.each(dbKinds)('a flood of short-lived hosts going silent, on %s', (kind) => {
  const ctx = useWebhookAlerting(kind, rulesFireAtOnce);

  it('sends the real host\'s silence in its own digest and the twelve made-up ones in one more', async () => {
    const start = Date.now();
    const report = (name: string) => ingestReport(ctx.t.db, principal, makeReport({ hostName: name, collectedAt: new Date(start), instances: 10 }));
    const real = (await report('real')).hostId;
    await ctx.t.db.host.update({ where: { id: real }, data: { createdAt: new Date(start - 2 * 86_400_000) } });
    for (let i = 0; i < 12; i++) await report(`made-up-${i}`);
    // Rounds every 30 s, as a worker runs them: one round far ahead would read as the server having been down.
    for (let s = 240; s <= 600; s += 30) await evaluateAlerts(ctx.t.db, { ...atOnce, now: new Date(start + s * S) });
    await deliverNotifications(ctx.t.db, { now: new Date(start + 900 * S), digestMax: 5 });
    const bodies = ctx.hook.received.map((r) => (r.json as { alerts: AlertMessage[] }).alerts);
    expect(bodies.map((b) => b.map((a) => a.host.name).sort())).toEqual([['real'], Array.from({ length: 12 }, (_, i) => `made-up-${i}`).sort()]);
    expect(bodies[0]![0]).toMatchObject({ dimension: 'silent' });
    expect(bodies[0]![0]!.shortLived).toBeUndefined();
    expect(bodies[1]!.every((a) => a.dimension === 'silent' && a.shortLived === true)).toBe(true);
  });
});
