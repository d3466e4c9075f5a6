import { NextResponse } from 'next/server';
import { audit } from '@/lib/server/audit';
import { caller } from '@/lib/server/api';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { deleteChannel } from '@/lib/server/services/channels';

export const DELETE = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await caller(req, 'admin');
  const { id } = await ctx.params;
  await deleteChannel(db(), id);
  await audit(db(), `token:${who.name}`, 'channel.delete', `channel:${id}`);
  return new NextResponse(null, { status: 204 });
});
