import { z } from 'zod';

const unitSeconds: Record<string, number> = { h: 3600, d: 86400, w: 7 * 86400 };
const expiryWords = 'must be a time such as 30d, 12h or 2w (1 hour to 10 years), or never';

/** How long a new token lasts, as typed ("30d", "12h", "2w"; a bare number is days); blank or "never": for good. Seconds. */
export const tokenExpiry = z.string().trim().toLowerCase().nullish().transform((v, ctx) => {
  if (!v || v === 'never' || v === 'none') return null;
  const m = /^(\d{1,6})\s*([hdw]?)$/.exec(v);
  const seconds = m ? Number(m[1]) * unitSeconds[m[2] || 'd']! : NaN;
  if (!(seconds >= 3600 && seconds <= 3650 * 86400)) {
    ctx.addIssue({ code: 'custom', message: expiryWords });
    return z.NEVER;
  }
  return seconds;
});
