import { NextResponse } from 'next/server';
import { acknowledgeInput } from '@/lib/protocol';
import { audit } from '@/lib/server/audit';
import { caller, optionalJsonBody } from '@/lib/server/api';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { acknowledgeAlert } from '@/lib/alerts';

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await caller(req, 'admin');
  const { note } = await optionalJsonBody(req, acknowledgeInput);
  const alert = await acknowledgeAlert(db(), (await ctx.params).id, `token:${who.name}`, note);
  await audit(db(), `token:${who.name}`, 'alert.acknowledge', `alert:${alert.id}`, { note });
  return NextResponse.json({ alert });
});
