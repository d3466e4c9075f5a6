import { NextResponse } from 'next/server';
import { ruleInput } from '@/lib/protocol';
import { audit } from '@/lib/server/audit';
import { caller, jsonBody } from '@/lib/server/api';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { deleteRule, updateRule } from '@/lib/alerts';

type Ctx = { params: Promise<{ id: string }> };

export const PUT = route(async (req: Request, ctx: Ctx) => {
  const who = await caller(req, 'admin');
  const rule = await updateRule(db(), (await ctx.params).id, await jsonBody(req, ruleInput));
  await audit(db(), `token:${who.name}`, 'rule.update', `rule:${rule.id}`);
  return NextResponse.json({ rule });
});

export const DELETE = route(async (req: Request, ctx: Ctx) => {
  const who = await caller(req, 'admin');
  const { id } = await ctx.params;
  await deleteRule(db(), id);
  await audit(db(), `token:${who.name}`, 'rule.delete', `rule:${id}`);
  return new NextResponse(null, { status: 204 });
});
