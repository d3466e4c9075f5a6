import { apiCommand } from '@/lib/commands';

// Gives the host to another ingest token: only that token's reports are taken for it from then on.
export const PUT = apiCommand('host.move', { body: 'json', answer: (m) => ({ token: m.token, hosts: m.hosts }) });
