import { NextResponse } from 'next/server';
import { channelInput } from '@/lib/protocol';
import { audit } from '@/lib/server/audit';
import { caller, jsonBody } from '@/lib/server/api';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { createChannel, listChannels } from '@/lib/alerts';

export const GET = route(async (req: Request) => {
  await caller(req, 'read');
  return NextResponse.json({ channels: await listChannels(db()) });
});

export const POST = route(async (req: Request) => {
  const who = await caller(req, 'admin');
  const c = await createChannel(db(), await jsonBody(req, channelInput));
  await audit(db(), `token:${who.name}`, 'channel.create', `channel:${c.id}`, { name: c.name, kind: c.kind });
  return NextResponse.json({ channel: { id: c.id, name: c.name, kind: c.kind, enabled: c.enabled } }, { status: 201 });
});
