import type { Principal } from '../access';
import type { Actor } from '../commands';

/** The ingest caller of tests that store reports without a token row of their own. */
export const testPrincipal: Principal = { tokenId: '00000000-0000-4000-8000-000000000001', name: 'test', scope: 'ingest', hostName: null };

/** A signed-in admin, for tests that run a command without a user row of their own (commands audit by name). */
export const testAdmin: Actor = { kind: 'user', id: '00000000-0000-4000-8000-0000000000a1', name: 'alice', role: 'admin' };
