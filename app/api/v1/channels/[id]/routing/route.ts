import { apiCommand } from '@/lib/commands';

export const PUT = apiCommand('channel.route', { body: 'json', answer: (channel) => ({ channel }) });
