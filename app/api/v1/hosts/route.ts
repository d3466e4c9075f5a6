import { NextResponse } from 'next/server';
import { fleetApiQuery } from '@/lib/protocol';
import { caller, queryOf } from '@/lib/server/api';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { queryFleet } from '@/lib/hosts';

export const GET = route(async (req: Request) => {
  await caller(req, 'read');
  const q = queryOf(req, fleetApiQuery);
  const page = await queryFleet(db(), q);
  return NextResponse.json({ hosts: page.hosts, total: page.total, page: q.page, per: q.per, counts: page.counts });
});
