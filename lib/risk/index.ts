export * from './assess';
export * from './status';
export * from './thresholds';
export * from './exhaustion';
export * from './advice';
