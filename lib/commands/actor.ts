import type { Principal, SessionUser } from '../access';
import type { Actor } from '../server/actor';

export { actorRef, type Actor } from '../server/actor';

/** The actor of a dashboard session. */
export const userActor = (u: SessionUser): Actor => ({ kind: 'user', id: u.id, name: u.name, role: u.role, sessionId: u.sessionId });

/** The actor of an API token. */
export const tokenActor = (p: Principal): Actor => ({ kind: 'token', id: p.tokenId, name: p.name, scope: p.scope, hostName: p.hostName });

/** The operator at the server's shell: `headroom token …`, `headroom user add`, and `headroom serve` for its local agent. */
export const cliActor: Actor = { kind: 'system', name: 'cli' };

/** The first-run page, before any user exists. */
export const setupActor: Actor = { kind: 'system', name: 'setup' };
