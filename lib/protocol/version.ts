// Kept apart from the zod schema so the agent can import it without bundling zod.
export const PROTOCOL_VERSION = 1;
