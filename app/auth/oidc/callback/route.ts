import { oidcCallback } from '@/lib/access';

export const dynamic = 'force-dynamic';
export const GET = oidcCallback;
