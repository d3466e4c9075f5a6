// The default rule "a watcher or file could not be created", through real
// rounds and delivery: critical on the first round after the failure, naming
// the program, the call and the limit that ran out; resolved once the window
// passes without another.
import { describe, expect, it } from 'vitest';
import type { AlertMessage } from './message';
import { dbKinds } from '../testing/databases';
import { failuresOf, makeReport } from '../testing/report-factory';
import { testPrincipal as principal } from '../testing/principal';
import { atOnce, useWebhookAlerting } from '../testing/alerting';
import { deliverNotifications } from './deliver-notifications';
import { evaluateAlerts } from './evaluate-alerts';
import { ingestReport } from '../ingest';

const S = 1000;

describe.each(dbKinds)('the failed-call rule, on %s', (kind) => {
  const ctx = useWebhookAlerting(kind);

  it('fires critical at once, naming who failed and what ran out, and resolves when the failures stop', async () => {
    const start = Date.now();
    // An hour's interval: the host does not fall silent while the test's rounds run.
    const report = (s: number, failed: boolean) => ingestReport(ctx.t.db, principal, makeReport({
      hostName: 'builder', intervalSeconds: 3600, collectedAt: new Date(start + s * S),
      ...(failed ? { failures: failuresOf([{ count: 3, container: 'buildkit-builder', at: new Date(start + s * S - 2000) }, { call: 'openat', count: 1 }]) } : {}),
    }));
    const round = (s: number) => evaluateAlerts(ctx.t.db, { ...atOnce, now: new Date(start + s * S) });
    await report(0, false);
    await round(5);
    expect(await ctx.t.db.alert.count()).toBe(0);
    await report(15, true);
    await round(20);
    const alert = await ctx.t.db.alert.findFirstOrThrow({ where: { dimension: 'failures' } });
    expect(alert).toMatchObject({ state: 'firing', severity: 'critical', value: 4 });
    expect(alert.subject).toBe('buildkitd (pid 4242, uid 0, container buildkit-builder) inotify_init1 → EMFILE ×3: '
      + 'the user\'s inotify instances ran out (fs.inotify.max_user_instances): raise it with sysctl and in /etc/sysctl.d, see the host page\'s advice');
    // Rounds every 30 s: within the window it stays; past it (and the clear spell, none here) it resolves.
    for (let s = 30; s <= 15 + 300 - 5; s += 30) await round(s);
    expect((await ctx.t.db.alert.findUniqueOrThrow({ where: { id: alert.id } })).state).toBe('firing');
    await round(15 + 300 + 10);
    expect((await ctx.t.db.alert.findUniqueOrThrow({ where: { id: alert.id } })).state).toBe('resolved');
    await deliverNotifications(ctx.t.db, { now: new Date(start + 600 * S) });
    const sent = ctx.hook.received.flatMap((r) => (r.json as { alerts: AlertMessage[] }).alerts).filter((a) => a.dimension === 'failures');
    expect(sent.map((a) => `${a.event} ${a.severity}`)).toEqual(['firing critical', 'resolved critical']);
    expect(sent[0]!.summary).toMatch(/^could not create a watcher or file: buildkitd \(pid 4242/);
  });
});
