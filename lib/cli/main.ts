import { parseFlags, unknownCommand, UsageError } from './args';
import { hostCommand, hostUsage } from './host';
import { secretsCommand, secretsUsage } from './secrets';
import { serveCommand } from './serve';
import { tokenCommand, tokenUsage } from './token';
import { distribute, withDatabase } from '../ops';
import { userCommand, userUsage } from './user';
import { workerCommand, workerUsage } from './worker';

const usages = {
  serve: 'headroom serve                 start the dashboard, API and a local agent (npm start)',
  worker: workerUsage,
  migrate: 'headroom migrate               apply pending database migrations',
  distribute: 'headroom distribute            on a Citus coordinator: distribute the tables keyed by host by host_id (docs/scaling.md)',
  token: tokenUsage,
  host: hostUsage,
  user: userUsage,
  secrets: secretsUsage,
};
const usage = `usage:\n${Object.values(usages).join('\n')}`;

const commands: Record<keyof typeof usages, (argv: string[]) => Promise<void>> = {
  serve: async (argv) => { parseFlags(argv, {}); await serveCommand(); },
  worker: workerCommand,
  migrate: async (argv) => {
    parseFlags(argv, {});
    await withDatabase(async () => { process.stdout.write('migrations are up to date\n'); });
  },
  distribute: async (argv) => {
    parseFlags(argv, {});
    await withDatabase(async (db) => {
      const r = await distribute(db, (line) => process.stdout.write(`${line}\n`));
      const already = r.already.length ? `, ${r.already.length} already in place` : '';
      process.stdout.write(`citus ${r.citus}: ${r.done.length} table${r.done.length === 1 ? '' : 's'} placed${already}\n`);
    });
  },
  token: tokenCommand,
  host: hostCommand,
  user: userCommand,
  secrets: secretsCommand,
};

async function main([command, ...rest]: string[]): Promise<void> {
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${usage}\n`);
    return;
  }
  if (!Object.hasOwn(commands, command)) throw unknownCommand('command', command, Object.keys(commands), usage);
  const name = command as keyof typeof commands;
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`usage:\n${usages[name]}\n`);
    return;
  }
  return commands[name](rest);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`headroom: ${(err as Error).message}\n`);
  process.exitCode = err instanceof UsageError ? 2 : 1;
});
