import { oidcStart } from '@/lib/access';

export const dynamic = 'force-dynamic';
export const GET = oidcStart;
