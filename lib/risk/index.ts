// Pure rules on a host's figures: fractions, status, time to exhaustion, watcher-panic risk, advice.
export * from './assess';
export * from './status';
export * from './thresholds';
export * from './forecast';
export * from './advice';
export * from './failures';
export * from './container-room';
export * from './limits';
