// Replaced at bundle time by scripts/build-agent.mjs with package.json's version.
declare const __AGENT_VERSION__: string | undefined;
export const AGENT_VERSION = typeof __AGENT_VERSION__ === 'string' ? __AGENT_VERSION__ : '0.0.0-dev';
