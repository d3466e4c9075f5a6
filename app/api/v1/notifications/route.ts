import { NextResponse } from 'next/server';
import { caller } from '@/lib/server/api';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { deliveryLog } from '@/lib/alerts';

export const GET = route(async (req: Request) => {
  await caller(req, 'read');
  return NextResponse.json({ notifications: await deliveryLog(db()) });
});
