import { apiRead } from '@/lib/commands';
import { hostSeriesAnswer } from '@/lib/hosts';
import { windowQuery } from '@/lib/server/api';

// What the host page's charts draw over `range` (15m … 30d, default 1h) or from/to (ms), at the resolution the range picks.
export const GET = apiRead(async ({ db, req, params }) => {
  const w = windowQuery(req);
  return hostSeriesAnswer(db, params.id ?? '', w.from, w.to);
}, { lagTolerant: true });
