// The default time-to-exhaustion rule, as the migrations seed it, against a
// host reporting every 15 s and evaluated every 5 s: one step (a build
// starting) must not fire it; a climb must, before the 80 % level rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextSlope, secondsToExhaustion, type TrendPoint } from '../risk';
import { openTestDatabase, type TestDatabase } from '../testing/databases';
import { step, type OpenAlert } from './evaluate';
import { ruleInput, type Rule } from '../protocol';

const LIMIT = 128;

/** Seconds into the run of the first firing, and the count then; null if it never fired. */
function firstFiring(rule: Rule, usedAt: (sec: number) => number, seconds = 1800): { sec: number; used: number } | null {
  let trend: TrendPoint | null = null;
  let open: OpenAlert | null = null;
  const t0 = Date.UTC(2026, 0, 1);
  for (let sec = 0; sec <= seconds; sec += 5) {
    if (sec % 15 === 0) {
      const used = usedAt(sec);
      trend = { used, at: t0 + sec * 1000, slope: nextSlope(trend, used, t0 + sec * 1000) };
    }
    const secs = secondsToExhaustion(trend!.used, LIMIT, trend!.slope);
    const m = { value: secs ?? Infinity, resource: 'inotifyInstances' as const, subject: null, used: trend!.used, limit: LIMIT, exhaustionSecs: secs };
    const s = step(rule, m, open, { silenced: false, now: new Date(t0 + sec * 1000) });
    if (s.event?.kind === 'firing') return { sec, used: trend!.used };
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

  it('fires on a slow leak minutes after it starts, long before 80 %', () => {
    // One instance a report from 20: full in 27 minutes; 80 % after 20.
    const got = firstFiring(rule, (sec) => 20 + Math.floor(sec / 15));
    expect(got).not.toBeNull();
    expect(got!.sec).toBeLessThan(5 * 60);
    expect(got!.used).toBeLessThan(0.8 * LIMIT);
  });

  it('fires on a fast climb before the 80 % level rule would', () => {
    // Two instances a report from 60: 80 % (103) after about 5 minutes.
    const got = firstFiring(rule, (sec) => 60 + 2 * Math.floor(sec / 15));
    expect(got).not.toBeNull();
    expect(got!.used).toBeLessThan(0.8 * LIMIT);
  });
});
