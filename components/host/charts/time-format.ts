// Times on the charts: UTC, as every other time on the host page (its inputs, headings and the CSV).
const timeZone = 'UTC';
const hm = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
const hms = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone });
const day = new Intl.DateTimeFormat('en-GB', { month: 'short', day: 'numeric', timeZone });
const full = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone });

/** Tick labels fine enough to tell ticks apart over a span. */
export function tickFormat(span: number): (t: number) => string {
  if (span > 3 * 86400_000) return (t) => day.format(t);
  if (span < 30 * 60_000) return (t) => hms.format(t);
  return (t) => hm.format(t);
}

export const fullTime = (t: number): string => `${full.format(t)} UTC`;
export const clockTime = (t: number): string => hms.format(t);
