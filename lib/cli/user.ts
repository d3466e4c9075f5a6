import { listUsers } from '../access';
import { cliActor, commandSchema, runCommand } from '../commands';
import { withDatabase } from '../ops';
import { checkInput, parseFlags, unknownCommand, UsageError } from './args';
import { readNewPassword } from './password';

export const userUsage = `headroom user add NAME [--role admin|editor|viewer]   (password typed without echo, or on stdin; role viewer unless given)
headroom user unlock NAME    (clears failed sign-ins: every browser and address may try again at once)
headroom user enable NAME    (a disabled user may sign in again)
headroom user password NAME  (sets a new password, typed as for add; ends the user's sessions)
headroom user list`;

const flagNames = { role: '--role' };

async function add(argv: string[]): Promise<void> {
  const { positionals: [name], values } = parseFlags(argv, { role: { type: 'string', default: 'viewer' } }, 1);
  if (!name) throw new UsageError(`user add needs a name\n${userUsage}`);
  // Name and role are checked before the password is asked for, and all three before the database is opened.
  const schema = commandSchema('user.create');
  checkInput(schema.omit({ password: true }), { name, role: values.role }, flagNames);
  const password = await readNewPassword(`password for ${name} (12 or more characters)`);
  const input = checkInput(schema, { name, role: values.role, password }, flagNames);
  const user = await withDatabase((db) => runCommand('user.create', cliActor, input, { db }));
  process.stdout.write(`added ${user.role} ${user.name}\n`);
}

/** The one user name a verb takes. */
function nameOf(verb: string, argv: string[]): string {
  const { positionals: [name] } = parseFlags(argv, {}, 1);
  if (!name) throw new UsageError(`user ${verb} needs a name\n${userUsage}`);
  return name;
}

async function unlock(argv: string[]): Promise<void> {
  const name = nameOf('unlock', argv);
  const u = await withDatabase((db) => runCommand('user.unlock', cliActor, { user: name }, { db }));
  process.stdout.write(`unlocked ${u.name} (${u.cleared} failed sign-ins cleared)\n`);
}

async function enable(argv: string[]): Promise<void> {
  const name = nameOf('enable', argv);
  const u = await withDatabase((db) => runCommand('user.enable', cliActor, { user: name }, { db }));
  process.stdout.write(`enabled ${u.name}\n`);
}

async function password(argv: string[]): Promise<void> {
  const name = nameOf('password', argv);
  const input = checkInput(commandSchema('user.resetPassword'), { user: name, password: await readNewPassword(`new password for ${name} (12 or more characters)`) }, {});
  const u = await withDatabase((db) => runCommand('user.resetPassword', cliActor, input, { db }));
  process.stdout.write(`set the password of ${u.name}; ${u.sessions} sessions ended\n`);
}

const when = (d: Date | null) => d?.toISOString().replace(/\.\d+Z$/, 'Z') ?? '-';

async function list(argv: string[]): Promise<void> {
  parseFlags(argv, {});
  const users = await withDatabase(listUsers);
  const rows = [['NAME', 'ROLE', 'STATE', 'CREATED', 'LAST SIGN-IN'], ...users.map((u) => [
    u.name, u.role, u.disabledAt ? `disabled ${when(u.disabledAt)}` : 'active', when(u.createdAt), when(u.lastSignInAt),
  ])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
}

const verbs = { add, list, unlock, enable, password };

export async function userCommand([verb, ...rest]: string[]): Promise<void> {
  if (verb && Object.hasOwn(verbs, verb)) return verbs[verb as keyof typeof verbs](rest);
  throw unknownCommand('user command', verb, Object.keys(verbs), userUsage);
}
