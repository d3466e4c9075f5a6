import { role, tokenScope, type Role, type TokenScope } from '../access';
import { actorRef, type Actor } from '../server/actor';
import { AppError } from '../server/errors';
import type { CommandName } from './registry';

export interface Permission {
  /** The roles of signed-in users who may run it, from the dashboard. */
  roles: readonly Role[];
  /** The scopes of API tokens that may run it. */
  scopes: readonly TokenScope[];
  /** The machine itself: `cli`, the operator at the server's shell; `setup`, the first-run page. */
  system?: readonly Extract<Actor, { kind: 'system' }>['name'][];
}

/** Every role: for what any signed-in user may do, so a new role has it without a line of its own. */
const anyone = role.options;

/**
 * Who may run each command. Roles are listed, not ranked: a role that may
 * only acknowledge is a name in the role enum (lib/access/roles.ts) and in
 * the alert.acknowledge line. An API token of `admin` scope changes what the
 * dashboard's editors and admins change about alerting and hosts.
 */
export const permissions = {
  'rule.create': { roles: ['editor', 'admin'], scopes: ['admin'] },
  'rule.update': { roles: ['editor', 'admin'], scopes: ['admin'] },
  'rule.delete': { roles: ['editor', 'admin'], scopes: ['admin'] },
  'channel.create': { roles: ['admin'], scopes: ['admin'] },
  'channel.delete': { roles: ['admin'], scopes: ['admin'] },
  'channel.setEnabled': { roles: ['admin'], scopes: ['admin'] },
  'channel.route': { roles: ['admin'], scopes: ['admin'] },
  'channel.test': { roles: ['admin'], scopes: ['admin'] },
  'secrets.rotate': { roles: [], scopes: [], system: ['cli'] },
  'silence.create': { roles: ['editor', 'admin'], scopes: ['admin'] },
  'silence.end': { roles: ['editor', 'admin'], scopes: ['admin'] },
  'alert.acknowledge': { roles: ['editor', 'admin'], scopes: ['admin'] },
  'host.labels': { roles: ['admin'], scopes: ['admin'] },
  'host.delete': { roles: ['admin'], scopes: ['admin'] },
  'host.move': { roles: ['admin'], scopes: ['admin'], system: ['cli'] },
  'host.removeEnrolled': { roles: ['admin'], scopes: [], system: ['cli'] },
  'thresholds.set': { roles: ['admin'], scopes: [] },
  'retention.set': { roles: ['admin'], scopes: [] },
  'token.create': { roles: ['admin'], scopes: [], system: ['cli'] },
  'token.revoke': { roles: ['admin'], scopes: [], system: ['cli'] },
  'token.limit': { roles: ['admin'], scopes: [], system: ['cli'] },
  'token.labels': { roles: ['admin'], scopes: [], system: ['cli'] },
  'user.create': { roles: ['admin'], scopes: [], system: ['cli'] },
  'user.role': { roles: ['admin'], scopes: [] },
  'user.disable': { roles: ['admin'], scopes: [] },
  'user.unlock': { roles: ['admin'], scopes: [], system: ['cli'] },
  'user.enable': { roles: ['admin'], scopes: [], system: ['cli'] },
  'user.resetPassword': { roles: ['admin'], scopes: [], system: ['cli'] },
  'user.password': { roles: anyone, scopes: [] },
  'user.setup': { roles: [], scopes: [], system: ['setup'] },
  'session.end': { roles: anyone, scopes: [] },
  'session.endAll': { roles: anyone, scopes: [] },
} satisfies Record<CommandName, Permission>;

/** The scopes of tokens that may read through the API (hosts, alerts, rules, channels, silences, the delivery log, /metrics). */
export const readScopes: readonly TokenScope[] = ['read', 'admin'];

const table: Record<CommandName, Permission> = permissions;

/** Whether `actor` may run `name`, by the table alone. */
export function allowed(name: CommandName, actor: Actor): boolean {
  const p = table[name];
  if (actor.kind === 'user') return p.roles.includes(actor.role);
  if (actor.kind === 'token') return p.scopes.includes(actor.scope);
  return p.system?.includes(actor.name) ?? false;
}

/** Whether a user of `r` may run `name`: for a page to lock the controls that would be refused. */
export const roleMay = (r: Role, name: CommandName): boolean => table[name].roles.includes(r);

/** Throws the 403 for an actor the table does not allow, before anything is read or written. */
export function permit(name: CommandName, actor: Actor): void {
  if (allowed(name, actor)) return;
  const p = table[name];
  // The first allowed role or scope in their enum's order: the least one that would do.
  const role1 = role.options.find((r) => p.roles.includes(r));
  const scope1 = tokenScope.options.find((s) => p.scopes.includes(s));
  if (actor.kind === 'user') {
    throw new AppError('forbidden', role1 ? `this needs the ${role1} role; you are ${actor.role}` : `${name} is not done from the dashboard`);
  }
  if (actor.kind === 'token') {
    throw new AppError('forbidden', scope1 ? `this is a ${actor.scope} token; this route needs a ${scope1} token` : `no API token may run ${name}`);
  }
  throw new AppError('forbidden', `${actorRef(actor)} may not run ${name}`);
}
