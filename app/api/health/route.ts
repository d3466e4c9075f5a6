import { NextResponse } from 'next/server';
import { route } from '@/lib/server/http';
import { checkHealth } from '@/lib/ops';

export const dynamic = 'force-dynamic';

export const GET = route(async () => {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
});
