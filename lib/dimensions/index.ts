// The measured dimensions: how each is named and described to people.
export * from './labels';
export * from './describe';
