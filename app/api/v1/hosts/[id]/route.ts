import { NextResponse } from 'next/server';
import { audit } from '@/lib/server/audit';
import { caller } from '@/lib/server/api';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { deleteHost } from '@/lib/hosts';

export const DELETE = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await caller(req, 'admin');
  const host = await deleteHost(db(), (await ctx.params).id);
  await audit(db(), `token:${who.name}`, 'host.delete', `host:${host.id}`, { name: host.name });
  return new NextResponse(null, { status: 204 });
});
