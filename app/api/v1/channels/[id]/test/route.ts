import { NextResponse } from 'next/server';
import { caller } from '@/lib/server/api';
import { db } from '@/lib/server/db/client';
import { publicUrl } from '@/lib/server/env';
import { route } from '@/lib/server/http';
import { sendTest } from '@/lib/alerts';

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  await caller(req, 'admin');
  const n = await sendTest(db(), (await ctx.params).id, publicUrl());
  return NextResponse.json({ notificationId: n.id }, { status: 202 });
});
