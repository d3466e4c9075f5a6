import { listSilences } from '@/lib/alerts';
import { apiCommand, apiRead } from '@/lib/commands';

export const GET = apiRead(async ({ db }) => ({ silences: await listSilences(db) }));

export const POST = apiCommand('silence.create', { body: 'json', status: 201, answer: (silence) => ({ silence }) });
