import { listRules } from '@/lib/alerts';
import { apiCommand, apiRead } from '@/lib/commands';

export const GET = apiRead(async ({ db }) => ({ rules: await listRules(db) }));

export const POST = apiCommand('rule.create', { body: 'json', status: 201, answer: (rule) => ({ rule }) });
