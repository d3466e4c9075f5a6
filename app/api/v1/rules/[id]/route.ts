import { apiCommand } from '@/lib/commands';

export const PUT = apiCommand('rule.update', { body: 'json', answer: (rule) => ({ rule }) });

export const DELETE = apiCommand('rule.delete', { status: 204 });
