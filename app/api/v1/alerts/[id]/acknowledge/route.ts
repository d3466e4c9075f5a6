import { apiCommand } from '@/lib/commands';

export const POST = apiCommand('alert.acknowledge', { body: 'optional', answer: (alert) => ({ alert }) });
