// Generated host states for the rules-agree property test: seeded, so a
// failure replays, and weighted towards the edges where SQL and TypeScript
// could part (a limit of 0, use past the limit, unlimited limits, slopes and
// ages at their thresholds to the last bit or millisecond).
import { dimensionSpecs, fieldsOf, type DimensionField } from '../dimensions';
import type { Thresholds } from '../risk';

export interface GeneratedHost {
  id: string;
  name: string;
  intervalSeconds: number;
  /** null: the host never reported. */
  state: (Record<DimensionField, number> & { receivedAt: Date; worstFraction: number; panicRisk: boolean }) | null;
  /** Its one firing alert of a rule other than silent, if any. */
  alert: 'warning' | 'critical' | null;
  /** A firing host-silent alert, which never raises a status. */
  silentAlert: boolean;
}

/** mulberry32: a small seeded generator, uniform in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const bits = new Float64Array(1);
const raw = new BigInt64Array(bits.buffer);
/** The next double above (or below) a positive `x`. */
export function nextDouble(x: number, dir: 1 | -1): number {
  bits[0] = x;
  raw[0] = raw[0]! + BigInt(dir);
  return bits[0];
}

const INT_MAX = 2 ** 31 - 1;

export function generateHosts(n: number, seed: number, now: Date, sets: Thresholds[]): GeneratedHost[] {
  const r = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const levels = sets.flatMap((t) => [t.warning, t.critical]);
  const edgesOf = (x: number) => [x, nextDouble(x, 1), nextDouble(x, -1)];

  const intLimit = () => pick([0, 0, 1, 128, 1024, 65_536, INT_MAX, int(1, 2_000_000)]);
  const floatLimit = () => pick([0, 2 ** 62, nextDouble(2 ** 62, -1), nextDouble(2 ** 62, 1), 2 ** 63, 9_223_372_036_854_775_807, 1_048_576, int(1, 1e8), r() * 1e6]);
  const usedOf = (limit: number, max: number) => Math.min(max, pick([0, limit, limit - 1, limit + 1, Math.floor(limit * r()), Math.floor(limit * 1.5 * r()), int(0, 1000)].map((x) => Math.max(0, x))));
  const slope = () => pick([0, -1, -1e-3, 1e-9, nextDouble(1e-9, 1), nextDouble(1e-9, -1), 1e-12, 0.05, 1, 1000, r() * 10, r() * 1e-6, -r()]);
  const worst = () => pick([0, 1, 2, r(), r() * 1.2, ...levels.flatMap(edgesOf)]);

  const hosts: GeneratedHost[] = [];
  for (let i = 0; i < n; i++) {
    const intervalSeconds = pick([1, 2, 5, 15, 15, 30, 60, 300, 3600, int(1, 900)]);
    // Ages at each threshold set's silent boundary (to the millisecond), in the future, or anywhere up to a day.
    const boundaries = sets.map((t) => t.silentAfterIntervals * intervalSeconds * 1000);
    const age = pick([0, -1, -int(1, 60_000), int(0, 86_400_000), ...boundaries.flatMap((b) => [b, b - 1, b + 1])]);
    const dims = {} as Record<DimensionField, number>;
    for (const d of dimensionSpecs) {
      const f = fieldsOf(d.key);
      const isFloat = d.sqlType === 'float8';
      dims[f.limit] = isFloat ? floatLimit() : intLimit();
      dims[f.used] = isFloat ? pick([0, dims[f.limit], dims[f.limit] * r(), r() * 1e6, int(0, 1e9)]) : usedOf(dims[f.limit], INT_MAX);
      dims[f.slope] = slope();
    }
    hosts.push({
      id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      name: `p-${String(i).padStart(5, '0')}`,
      intervalSeconds,
      state: r() < 0.03 ? null : { ...dims, receivedAt: new Date(now.getTime() - age), worstFraction: worst(), panicRisk: r() < 0.3 },
      alert: pick([null, null, null, 'warning', 'critical'] as const),
      silentAlert: r() < 0.1,
    });
  }
  return hosts;
}
