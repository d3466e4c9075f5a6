import { NextResponse } from 'next/server';
import { ruleInput } from '@/lib/alerts/rule';
import { caller, jsonBody } from '@/lib/server/api';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { createRule, listRules } from '@/lib/server/services/rules';

export const GET = route(async (req: Request) => {
  await caller(req, 'read');
  return NextResponse.json({ rules: await listRules(db()) });
});

export const POST = route(async (req: Request) => {
  await caller(req, 'admin');
  return NextResponse.json({ rule: await createRule(db(), await jsonBody(req, ruleInput)) }, { status: 201 });
});
