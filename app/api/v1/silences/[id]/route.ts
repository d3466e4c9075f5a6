import { NextResponse } from 'next/server';
import { caller } from '@/lib/server/api';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { expireSilence } from '@/lib/server/services/silences';

export const DELETE = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  await caller(req, 'admin');
  return NextResponse.json({ silence: await expireSilence(db(), (await ctx.params).id) });
});
