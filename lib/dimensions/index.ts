// The measured dimensions: the one description of each (description.ts), and
export * from './description';
export * from './columns';
export * from './fraction';
export * from './labels';
