import type { Principal } from '../access';

/** The ingest caller of tests that store reports without a token row of their own. */
export const testPrincipal: Principal = { tokenId: '00000000-0000-4000-8000-000000000001', name: 'test', scope: 'ingest', hostName: null };
