import { NextResponse } from 'next/server';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { authenticate } from '@/lib/server/services/authenticate';
import { listHosts } from '@/lib/server/services/list-hosts';

export const GET = route(async (req: Request) => {
  await authenticate(db(), req.headers.get('authorization'), 'read');
  return NextResponse.json({ hosts: await listHosts(db()) });
});
