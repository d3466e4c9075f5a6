// One path for every change of state: a command's name, the actor running it,
// the permission table, input parsed once, the change and its audit row in one
// transaction. Server actions, API routes and CLI verbs each make one call here.
export { cliActor, setupActor, tokenActor, userActor, actorRef } from './actor';
export type { Actor } from './actor';
export { apiCommand, apiRead, dashboardRead } from './api';
export type { RouteContext } from './api';
export { allowed, permissions, permit, readScopes, roleMay } from './permissions';
export type { Permission } from './permissions';
export { commandNames, commandOf, commandSchema } from './registry';
export type { CommandInput, CommandName, CommandOutput } from './registry';
export { InvalidInput, runCommand } from './run';
export type { CommandDeps } from './run';
export { sessionActor, uiCommand } from './ui';
