import { NextResponse } from 'next/server';
import { caller, queryOf } from '@/lib/server/api';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { alertFilter, listAlerts } from '@/lib/alerts';

export const GET = route(async (req: Request) => {
  await caller(req, 'read');
  return NextResponse.json({ alerts: await listAlerts(db(), queryOf(req, alertFilter)) });
});
