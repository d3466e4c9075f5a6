import { createUser } from '../server/services/users';
import { parseArgs, stringFlag, UsageError } from './args';
import { withDatabase } from './database';

export const userUsage = 'headroom user add NAME --role admin|editor|viewer   (password on stdin)';

async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function userCommand(argv: string[]): Promise<void> {
  const { positionals, flags } = parseArgs(argv);
  const [verb, name] = positionals;
  if (verb !== 'add' || !name) throw new UsageError(userUsage);
  const role = stringFlag(flags, 'role') ?? 'viewer';
  if (process.stdin.isTTY) process.stderr.write(`password for ${name} (12+ characters), then Ctrl-D: `);
  const password = await readPassword();
  const user = await withDatabase((db) => createUser(db, { name, role, password }, 'cli'));
  process.stdout.write(`added ${user.role} ${user.name}\n`);
}
