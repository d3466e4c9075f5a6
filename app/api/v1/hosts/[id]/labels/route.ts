import { NextResponse } from 'next/server';
import { z } from 'zod';
import { caller, jsonBody } from '@/lib/server/api';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { setHostLabels } from '@/lib/server/services/set-host-labels';

export const PUT = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  await caller(req, 'admin');
  const { labels } = await jsonBody(req, z.object({ labels: z.array(z.string()) }));
  return NextResponse.json({ host: await setHostLabels(db(), (await ctx.params).id, labels) });
});
