import { apiCommand } from '@/lib/commands';

export const DELETE = apiCommand('host.delete', { status: 204 });
