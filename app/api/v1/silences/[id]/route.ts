import { NextResponse } from 'next/server';
import { audit } from '@/lib/server/audit';
import { caller } from '@/lib/server/api';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { expireSilence } from '@/lib/alerts';

export const DELETE = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await caller(req, 'admin');
  const silence = await expireSilence(db(), (await ctx.params).id);
  await audit(db(), `token:${who.name}`, 'silence.end', `silence:${silence.id}`);
  return NextResponse.json({ silence });
});
