import { NextResponse } from 'next/server';
import { ruleInput } from '@/lib/alerts/rule';
import { caller, jsonBody } from '@/lib/server/api';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { deleteRule, updateRule } from '@/lib/server/services/rules';

type Ctx = { params: Promise<{ id: string }> };

export const PUT = route(async (req: Request, ctx: Ctx) => {
  await caller(req, 'admin');
  return NextResponse.json({ rule: await updateRule(db(), (await ctx.params).id, await jsonBody(req, ruleInput)) });
});

export const DELETE = route(async (req: Request, ctx: Ctx) => {
  await caller(req, 'admin');
  await deleteRule(db(), (await ctx.params).id);
  return new NextResponse(null, { status: 204 });
});
