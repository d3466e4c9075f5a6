import { currentUser } from '@/lib/access';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import { errorResponse } from '@/lib/server/http';
import { exportHostCsv } from '@/lib/history';
import { resolveWindow, windowParams } from '@/lib/protocol';

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    if (!(await currentUser())) throw new AppError('unauthorized', 'sign in first');
    const w = resolveWindow(windowParams.parse(Object.fromEntries(new URL(req.url).searchParams)), new Date());
    const { filename, csv } = await exportHostCsv(db(), (await ctx.params).id, w.from, w.to);
    return new Response(csv, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` } });
  } catch (err) {
    return errorResponse(err);
  }
}
