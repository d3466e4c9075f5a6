import { NextResponse } from 'next/server';
import { audit } from '@/lib/server/audit';
import { caller, jsonBody } from '@/lib/server/api';
import { channelPatch } from '@/lib/protocol';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { deleteChannel, setChannelEnabled } from '@/lib/alerts';

export const DELETE = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await caller(req, 'admin');
  const { id } = await ctx.params;
  await deleteChannel(db(), id);
  await audit(db(), `token:${who.name}`, 'channel.delete', `channel:${id}`);
  return new NextResponse(null, { status: 204 });
});

export const PATCH = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await caller(req, 'admin');
  const { enabled } = await jsonBody(req, channelPatch);
  const channel = await setChannelEnabled(db(), (await ctx.params).id, enabled);
  await audit(db(), `token:${who.name}`, enabled ? 'channel.enable' : 'channel.disable', `channel:${channel.id}`);
  return NextResponse.json({ channel });
});
