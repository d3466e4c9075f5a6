import { NextResponse } from 'next/server';
import { audit } from '@/lib/server/audit';
import { caller, jsonBody } from '@/lib/server/api';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { createSilence, listSilences, silenceInput } from '@/lib/alerts';

export const GET = route(async (req: Request) => {
  await caller(req, 'read');
  return NextResponse.json({ silences: await listSilences(db()) });
});

export const POST = route(async (req: Request) => {
  const who = await caller(req, 'admin');
  const input = await jsonBody(req, silenceInput);
  const silence = await createSilence(db(), input, `token:${who.name}`);
  await audit(db(), `token:${who.name}`, 'silence.create', `silence:${silence.id}`, { reason: silence.reason });
  return NextResponse.json({ silence }, { status: 201 });
});
