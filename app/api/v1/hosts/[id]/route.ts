import { apiCommand, apiRead } from '@/lib/commands';
import { hostDetailAnswer } from '@/lib/hosts';

// One host as its page shows it: facts, limits and where they came from, the latest report, advice, flags.
export const GET = apiRead(async ({ db, params }) => hostDetailAnswer(db, params.id ?? ''), { lagTolerant: true });

export const DELETE = apiCommand('host.delete', { status: 204 });
