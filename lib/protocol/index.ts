// The wire contract: the agent's report, the API's bodies and answers, and the URL search params of every view.
export * from './report';
export * from './api';
export * from './api-bodies';
export * from './alert-rule';
export * from './fleet-query';
export * from './time-range';
export * from './image';
export * from './openapi';
export * from './text';
export * from './version';
export * from './channel';
export * from './printable';
export * from './host-detail';
export * from './webhook-template';
