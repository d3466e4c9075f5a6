import { apiRead } from '@/lib/commands';
import { hostFailuresAnswer } from '@/lib/history';
import { windowQuery } from '@/lib/server/api';

// A host's failed calls over `range` (15m … 30d, default 1h) or from/to (ms), newest first.
export const GET = apiRead(async ({ db, req, params }) => {
  const w = windowQuery(req);
  return hostFailuresAnswer(db, params.id ?? '', w.from, w.to);
}, { lagTolerant: true });
