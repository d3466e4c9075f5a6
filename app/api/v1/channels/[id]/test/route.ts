import { apiCommand } from '@/lib/commands';

export const POST = apiCommand('channel.test', { status: 202, answer: (n) => ({ notificationId: n.id }) });
