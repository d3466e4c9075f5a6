// What promtool's unit-test files say, read back in TypeScript so the same
// series can be replayed through Headroom's evaluator.
import { z } from 'zod';

const alertRuleTest = z.object({
  eval_time: z.string(),
  alertname: z.string(),
  exp_alerts: z.array(z.object({ exp_labels: z.record(z.string(), z.string()), exp_annotations: z.record(z.string(), z.string()).optional() })),
});
export const promtoolTests = z.object({
  rule_files: z.array(z.string()),
  evaluation_interval: z.string(),
  tests: z.array(z.object({
    interval: z.string(),
    input_series: z.array(z.object({ series: z.string(), values: z.string() })),
    alert_rule_test: z.array(alertRuleTest),
  })),
});
export type PromtoolTests = z.infer<typeof promtoolTests>;

/** "90s", "5m", "1h" as seconds. */
export function seconds(duration: string): number {
  const m = /^(\d+)(s|m|h)$/.exec(duration);
  if (!m) throw new Error(`duration "${duration}" is not Ns, Nm or Nh`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600 }[m[2] as 's' | 'm' | 'h'];
}

/** A sample: a number, or the end of the series (`stale`); `_` leaves a step without one. */
export type Sample = number | 'stale' | null;

/** promtool's value notation: `1 _ stale`, `a+bxN` and `axN` (N+1 values). */
export function expandValues(values: string): Sample[] {
  return values.trim().split(/\s+/).flatMap((v): Sample[] => {
    if (v === '_') return [null];
    if (v === 'stale') return ['stale'];
    const series = /^(-?[\d.]+)(?:([+-][\d.]+))?x(\d+)$/.exec(v);
    if (series) return Array.from({ length: Number(series[3]) + 1 }, (_, i) => Number(series[1]) + i * Number(series[2] ?? 0));
    if (!/^-?[\d.]+(e-?\d+)?$/.test(v)) throw new Error(`value "${v}" is not one this reader knows`);
    return [Number(v)];
  });
}

/** `name{a="x", b="y"}` as its name and labels. */
export function parseSeries(series: string): { name: string; labels: Record<string, string> } {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?$/.exec(series.trim());
  if (!m) throw new Error(`series "${series}" is not name{labels}`);
  const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-zA-Z_]\w*)\s*=\s*"([^"]*)"/g)].map((l) => [l[1]!, l[2]!]));
  return { name: m[1]!, labels };
}

/**
 * The value an instant query sees at `t` (seconds): the latest sample within
 * Prometheus' 5-minute lookback, none once the series went stale.
 */
export function valueAt(samples: Sample[], stepSeconds: number, t: number): number | null {
  for (let i = Math.min(Math.floor(t / stepSeconds), samples.length - 1); i >= 0 && t - i * stepSeconds < 300; i--) {
    const s = samples[i];
    if (s === 'stale') return null;
    if (typeof s === 'number') return s;
  }
  return null;
}
