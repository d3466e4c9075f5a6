export { backgroundStatus } from './background-status';
export { checkHealth } from './check-health';
export { applyMigrations, openDatabase, runningEmbeddedUrl, serveEmbedded, withDatabase } from './database';
export type { Embedded } from './database';
export { localAgentToken } from './local-agent';
export { renderMetrics } from './metrics';
export { storageStats } from './storage-stats';
export { hasAutovacuum, vacuumer } from './vacuum';
export * from './worker';
