export * from './report';
export * from './api';
