import { UNLIMITED } from '../risk';

// Number and time formatting for people: separators, units, tabular output.
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  // fs.file-max is LONG_MAX on recent kernels: effectively no limit.
  if (n >= UNLIMITED) return 'unlimited';
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} G`;
  return int.format(n);
}

const units = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']] as const;

/**
 * A chart's axis tick, short: 1600000 → "1.6M", 65536 → "65.536k", 250 →
 * "250". As many decimals as the value needs (ticks are round), up to three;
 * past that the whole number, which is never wrong.
 */
export function formatAxis(n: number): string {
  const unit = units.find(([u]) => Math.abs(n) >= u);
  if (!unit) return String(Math.round(n * 1000) / 1000);
  const x = n / unit[0];
  const decimals = [0, 1, 2, 3].find((d) => Math.abs(Math.round(x * 10 ** d) - x * 10 ** d) < 1e-6);
  return decimals === undefined ? int.format(n) : `${x.toFixed(decimals)}${unit[1]}`;
}

export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '—';
  // Rounded down: 89.8 % must not read "90 %" while the host is still below a
  // 90 % level. The nudge undoes binary error only (0.29 × 100 is 28.999…96).
  const p = fraction > 0 ? fraction * 100 + 1e-9 : fraction * 100;
  return `${p < 10 && p > 0 ? (Math.floor(p * 10) / 10).toFixed(1) : Math.floor(p)} %`;
}

export function formatAgo(iso: string | null, now: Date): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

/** A time ahead: "in 3 d"; once it has come, "expired" (a token's expiry). */
export function formatExpiry(iso: string | null, now: Date): string {
  if (!iso) return 'never';
  const s = (Date.parse(iso) - now.getTime()) / 1000;
  return s <= 0 ? 'expired' : `in ${formatDuration(s)}`;
}

export function formatDuration(secs: number): string {
  if (secs < 90) return `${Math.round(secs)} s`;
  if (secs < 5400) return `${Math.round(secs / 60)} min`;
  if (secs < 172_800) return `${(secs / 3600).toFixed(1)} h`;
  if (secs < 2 * YEAR) return `${Math.round(secs / 86400)} d`;
  // A slope of a few fds a week puts "full" millennia away: say so without the digits.
  return secs < 100 * YEAR ? `${Math.round(secs / YEAR)} y` : 'over 100 y';
}

const YEAR = 365.25 * 86400;

/** 23.9088299 → "23.9 ms", 1234.5 → "1,235 ms": an agent's timings, to the precision that means something. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return `${ms < 100 ? (Math.round(ms * 10) / 10).toFixed(1) : int.format(ms)} ms`;
}

/** 1536 → "1.5 KiB": disk sizes on the data page. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${i === 0 ? n : n.toFixed(n < 10 ? 1 : 0)} ${units[i]}`;
}
