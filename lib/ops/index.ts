export { backgroundStatus } from './background-status';
export { checkHealth } from './check-health';
export { renderMetrics } from './metrics';
export { storageStats } from './storage-stats';
export { hasAutovacuum, vacuumer } from './vacuum';
export * from './worker';
