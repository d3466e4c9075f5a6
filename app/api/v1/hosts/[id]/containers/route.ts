import { apiRead } from '@/lib/commands';
import { hostContainersAnswer } from '@/lib/history';
import { windowQuery } from '@/lib/server/api';

// A host's use by container: at `at` (ms) or in the latest report, and the top containers' series over the window.
export const GET = apiRead(async ({ db, req, params: p }) => {
  const w = windowQuery(req);
  return hostContainersAnswer(db, p.id ?? '', w.from, w.to, w.at);
}, { lagTolerant: true });
