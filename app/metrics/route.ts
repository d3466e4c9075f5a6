import { apiRead } from '@/lib/commands';
import { renderMetrics } from '@/lib/ops';

export const dynamic = 'force-dynamic';

// Prometheus scrapes with a read token: `authorization: { credentials: hr_read_… }` in scrape_config.
export const GET = apiRead(async ({ db }) => {
  const { body, contentType } = await renderMetrics(db);
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
}, { lagTolerant: true });
