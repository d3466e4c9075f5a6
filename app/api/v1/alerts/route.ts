import { alertFilter, listAlerts } from '@/lib/alerts';
import { apiRead } from '@/lib/commands';
import { queryOf } from '@/lib/server/api';

export const GET = apiRead(async ({ db, req }) => ({ alerts: await listAlerts(db, queryOf(req, alertFilter)) }));
