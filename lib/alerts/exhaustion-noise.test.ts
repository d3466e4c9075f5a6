// The default time-to-exhaustion rule, as the migrations seed it, against a
// host reporting every 15 s and evaluated every 5 s: a step (a build
// starting) or a run of CI builds must not fire it; a leak must, before the
// 80 % level rule. A climb too fast for the trend's window is the level rule's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceTrend, secondsToExhaustion, type TrendSeen } from '../risk';
import { dimensionSpec } from '../dimensions';
import { openTestDatabase, type TestDatabase } from '../testing/databases';
import { step, type OpenAlert } from './evaluate';
import { ruleInput, type Rule } from '../protocol';

const LIMIT = 128;

/** Seconds into the run of the first firing, and the count then; null if it never fired. */
function firstFiring(rule: Rule, usedAt: (sec: number) => number, seconds = 1800): { sec: number; used: number } | null {
  let trend: TrendSeen | null = null;
  let used = 0;
  let open: OpenAlert | null = null;
  const t0 = Date.UTC(2026, 0, 1);
  for (let sec = 0; sec <= seconds; sec += 5) {
    if (sec % 15 === 0) {
      used = usedAt(sec);
      const step = advanceTrend(trend, { at: t0 + sec * 1000, used, boot: 'b', series: 'uid 0' }, dimensionSpec.inotifyInstances.forecastWindowMs);
      trend = { boot: 'b', series: 'uid 0', ...step };
    }
    const secs = secondsToExhaustion(used, LIMIT, trend!.slope);
    const m = { value: secs ?? Infinity, resource: 'inotifyInstances' as const, subject: null, used, limit: LIMIT, exhaustionSecs: secs };
    const s = step(rule, m, open, { silenced: false, now: new Date(t0 + sec * 1000) });
    if (s.event?.kind === 'firing') return { sec, used };
    open = s.next;
  }
  return null;
}

describe('the default time-to-exhaustion rule', () => {
  let t: TestDatabase;
  let rule: Rule;
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    const row = await t.db.alertRule.findFirstOrThrow({ where: { dimension: 'exhaustion' } });
    rule = { id: row.id, ...ruleInput.parse({ ...row, label: row.label ?? null }) };
  });
  afterAll(async () => { await t.close(); });

  it.each([2, 4, 8, 12, 20, 30])('stays quiet after one step of %i instances from 60', (d) => {
    expect(firstFiring(rule, (sec) => (sec < 60 ? 60 : 60 + d))).toBeNull();
  });

  it('stays quiet through two builds five minutes apart', () => {
    expect(firstFiring(rule, (sec) => 50 + (sec >= 60 ? 10 : 0) + (sec >= 360 ? 10 : 0))).toBeNull();
  });

  it('stays quiet through six hours of CI builds, each to 70 %', () => {
    // A build every 7 minutes ramps from 20 to 90 instances over 4 minutes, then ends.
    expect(firstFiring(rule, (sec) => (sec % 420 < 240 ? 20 + Math.round((70 * (sec % 420)) / 240) : 20), 6 * 3600)).toBeNull();
  });

  it('fires on a leak within minutes of the window having seen it, long before 80 %', () => {
    // One instance every 30 s from 20: full in 54 minutes; 80 % after 42.
    const got = firstFiring(rule, (sec) => 20 + Math.floor(sec / 30), 3600);
    expect(got).not.toBeNull();
    expect(got!.sec).toBeLessThan(15 * 60);
    expect(got!.used).toBeLessThan(0.8 * LIMIT);
  });
});
