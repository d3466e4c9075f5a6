import { NextResponse } from 'next/server';
import { caller } from '@/lib/server/api';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { deleteChannel } from '@/lib/server/services/channels';

export const DELETE = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  await caller(req, 'admin');
  await deleteChannel(db(), (await ctx.params).id);
  return new NextResponse(null, { status: 204 });
});
