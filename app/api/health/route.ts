import { NextResponse } from 'next/server';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { checkHealth } from '@/lib/ops';

export const dynamic = 'force-dynamic';

export const GET = route(async () => {
  const health = await checkHealth(db);
  return NextResponse.json(health, { status: health.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
});
