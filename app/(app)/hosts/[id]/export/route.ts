import { dashboardRead } from '@/lib/commands';
import { exportHostCsv } from '@/lib/history';
import { resolveWindow, unusableWindow, windowParams } from '@/lib/protocol';
import { searchParams } from '@/lib/server/api';
import { AppError } from '@/lib/server/errors';

export const GET = dashboardRead(async ({ db, req, params }) => {
  const p = windowParams.parse(searchParams(req));
  const w = resolveWindow(p, new Date());
  if (unusableWindow(p, w)) throw new AppError('bad_request', 'from and to must be times (ms since 1970) with from before to and before now');
  const { filename, csv } = await exportHostCsv(db, params.id ?? '', w.from, w.to);
  return new Response(csv, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` } });
});
