// How figures read to people: counts, durations, axis ticks, and what an alert is about.
export * from './numbers';
export * from './alert';
export * from './redact';
export * from './install-command';
export * from './trend';
export * from './container';
