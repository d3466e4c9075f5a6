import { queryFleet } from '@/lib/hosts';
import { apiRead } from '@/lib/commands';
import { fleetApiQuery } from '@/lib/protocol';
import { queryOf } from '@/lib/server/api';

export const GET = apiRead(async ({ db, req }) => {
  const q = queryOf(req, fleetApiQuery);
  const page = await queryFleet(db, q);
  return { hosts: page.hosts, total: page.total, page: q.page, per: q.per, counts: page.counts };
}, { lagTolerant: true });
