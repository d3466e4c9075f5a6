import { NextResponse } from 'next/server';
import { ruleInput } from '@/lib/protocol';
import { audit } from '@/lib/server/audit';
import { caller, jsonBody } from '@/lib/server/api';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { createRule, listRules } from '@/lib/alerts';

export const GET = route(async (req: Request) => {
  await caller(req, 'read');
  return NextResponse.json({ rules: await listRules(db()) });
});

export const POST = route(async (req: Request) => {
  const who = await caller(req, 'admin');
  const rule = await createRule(db(), await jsonBody(req, ruleInput));
  await audit(db(), `token:${who.name}`, 'rule.create', `rule:${rule.id}`);
  return NextResponse.json({ rule }, { status: 201 });
});
