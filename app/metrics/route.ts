import { caller } from '@/lib/server/api';
import { db } from '@/lib/server/db/client';
import { route } from '@/lib/server/http';
import { renderMetrics } from '@/lib/ops';

export const dynamic = 'force-dynamic';

// Prometheus scrapes with a read token: `authorization: { credentials: hr_read_… }` in scrape_config.
export const GET = route(async (req: Request) => {
  await caller(req, 'read');
  const { body, contentType } = await renderMetrics(db());
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
});
