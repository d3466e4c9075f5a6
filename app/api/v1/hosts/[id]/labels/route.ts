import { apiCommand } from '@/lib/commands';

export const PUT = apiCommand('host.labels', { body: 'json', answer: (host) => ({ host }) });
