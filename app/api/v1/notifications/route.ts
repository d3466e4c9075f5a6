import { deliveryLog } from '@/lib/alerts';
import { apiRead } from '@/lib/commands';

export const GET = apiRead(async ({ db }) => ({ notifications: await deliveryLog(db) }));
