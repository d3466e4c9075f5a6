import { apiRead } from '@/lib/commands';
import { hostContainersAnswer } from '@/lib/history';
import { resolveWindow, unusableWindow, windowParams } from '@/lib/protocol';
import { queryOf } from '@/lib/server/api';
import { AppError } from '@/lib/server/errors';

// A host's use by container: at `at` (ms) or in the latest report, and the top containers' series over the window.
export const GET = apiRead(async ({ db, req, params: p }) => {
  const q = queryOf(req, windowParams);
  const w = resolveWindow(q, new Date());
  if (unusableWindow(q, w)) throw new AppError('bad_request', 'from and to must be times (ms since 1970) with from before to and before now');
  return hostContainersAnswer(db, p.id ?? '', w.from, w.to, q.at === undefined ? null : new Date(q.at));
}, { lagTolerant: true });
