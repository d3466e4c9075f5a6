import { listChannels } from '@/lib/alerts';
import { apiCommand, apiRead } from '@/lib/commands';

export const GET = apiRead(async ({ db }) => ({ channels: await listChannels(db) }));

export const POST = apiCommand('channel.create', {
  body: 'json', status: 201, answer: (c) => ({ channel: { id: c.id, name: c.name, kind: c.kind, enabled: c.enabled } }),
});
