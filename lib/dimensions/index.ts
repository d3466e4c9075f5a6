// The measured dimensions: the one description of each (description.ts), and
// what is derived from it for people, charts and storage.
export * from './description';
export * from './columns';
export * from './fraction';
export * from './charts';
export * from './labels';
