import { apiRead } from '@/lib/commands';
import { hostFailuresAnswer } from '@/lib/history';
import { resolveWindow, unusableWindow, windowParams } from '@/lib/protocol';
import { queryOf } from '@/lib/server/api';
import { AppError } from '@/lib/server/errors';

// A host's failed calls over `range` (15m … 30d, default 1h) or from/to (ms), newest first.
export const GET = apiRead(async ({ db, req, params }) => {
  const p = queryOf(req, windowParams);
  const w = resolveWindow(p, new Date());
  if (unusableWindow(p, w)) throw new AppError('bad_request', 'from and to must be times (ms since 1970) with from before to and before now');
  return hostFailuresAnswer(db, params.id ?? '', w.from, w.to);
}, { lagTolerant: true });
