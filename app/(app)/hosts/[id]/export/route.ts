import { currentUser } from '@/lib/access';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import { errorResponse } from '@/lib/server/http';
import { exportHostCsv } from '@/lib/history';
import { resolveWindow, unusableWindow, windowParams } from '@/lib/protocol';

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    if (!(await currentUser())) throw new AppError('unauthorized', 'sign in first');
    const p = windowParams.parse(Object.fromEntries(new URL(req.url).searchParams));
    const w = resolveWindow(p, new Date());
    if (unusableWindow(p, w)) throw new AppError('bad_request', 'from and to must be times (ms since 1970) with from before to and before now');
    const { filename, csv } = await exportHostCsv(db(), (await ctx.params).id, w.from, w.to);
    return new Response(csv, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` } });
  } catch (err) {
    return errorResponse(err);
  }
}
