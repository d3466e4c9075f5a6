import { currentUser } from '@/lib/server/auth/current-user';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import { errorResponse } from '@/lib/server/http';
import { getHost } from '@/lib/server/services/get-host';
import { hostSeries } from '@/lib/server/services/host-series';
import { resolveWindow, windowParams } from '@/lib/time-range';

const columns = ['inotifyInstancesUsed', 'inotifyInstancesLimit', 'inotifyWatchesUsed', 'inotifyWatchesLimit', 'systemFdsUsed', 'systemFdsLimit', 'processFdsUsed', 'processFdsLimit', 'containersRunning'] as const;

/** The host page's range as CSV: one row per point shown (each the maximum of its bucket). */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    if (!(await currentUser())) throw new AppError('unauthorized', 'sign in first');
    const { id } = await ctx.params;
    const host = await getHost(db(), id);
    const w = resolveWindow(windowParams.parse(Object.fromEntries(new URL(req.url).searchParams)), new Date());
    const points = await hostSeries(db(), id, w.from, w.to, host.facts.intervalSeconds);
    const lines = [['time', ...columns].join(','), ...points.map((p) => [new Date(p.t).toISOString(), ...columns.map((c) => p[c] ?? '')].join(','))];
    const name = `${host.summary.name.replace(/[^A-Za-z0-9_.-]/g, '_')}-${w.from.toISOString().slice(0, 16)}.csv`;
    return new Response(lines.join('\n') + '\n', { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` } });
  } catch (err) {
    return errorResponse(err);
  }
}
