import { NextResponse } from 'next/server';
import { z } from 'zod';
import { fleetQuery } from '@/lib/fleet-query';
import { caller, queryOf } from '@/lib/server/api';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { queryFleet } from '@/lib/server/services/query-fleet';

// Scripts usually want every host: the API pages only when asked to.
const apiQuery = fleetQuery.extend({ per: z.coerce.number().int().min(1).max(10_000).catch(10_000) });

export const GET = route(async (req: Request) => {
  await caller(req, 'read');
  const q = queryOf(req, apiQuery);
  const page = await queryFleet(db(), q);
  return NextResponse.json({ hosts: page.hosts, total: page.total, page: q.page, per: q.per, counts: page.counts });
});
