import { apiCommand } from '@/lib/commands';

export const DELETE = apiCommand('silence.end', { answer: (silence) => ({ silence }) });
