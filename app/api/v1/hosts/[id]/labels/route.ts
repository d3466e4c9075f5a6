import { NextResponse } from 'next/server';
import { hostLabelsInput } from '@/lib/protocol';
import { audit } from '@/lib/server/audit';
import { caller, jsonBody } from '@/lib/server/api';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { setHostLabels } from '@/lib/hosts';

export const PUT = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await caller(req, 'admin');
  const { labels } = await jsonBody(req, hostLabelsInput);
  const host = await setHostLabels(db(), (await ctx.params).id, labels);
  await audit(db(), `token:${who.name}`, 'host.labels', `host:${host.id}`, { labels });
  return NextResponse.json({ host });
});
