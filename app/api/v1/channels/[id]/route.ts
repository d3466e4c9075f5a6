import { apiCommand } from '@/lib/commands';

export const DELETE = apiCommand('channel.delete', { status: 204 });

export const PATCH = apiCommand('channel.setEnabled', { body: 'json', answer: (channel) => ({ channel }) });
