export { acceptReport, postReport } from './endpoint';
export { hostCache } from './hosts';
export { ingestReport, parseReport } from './ingest-report';
export * from './node-endpoint';
export { prepare } from './prepare';
export type { Prepared } from './prepare';
export { KEYFRAME_MS, asUid, unflattenUids, unpackProcesses } from './samples';
export { writeBatch } from './write-batch';
