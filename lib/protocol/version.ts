// Kept apart from the zod schema so the agent can import it without bundling zod.
export const PROTOCOL_VERSION = 1;

/**
 * The longest an agent waits between two tries to reach the server (its
 * backoff's ceiling). After the server was down, hosts get this long to come
 * back before they count as silent.
 */
export const AGENT_MAX_RETRY_MS = 5 * 60_000;
