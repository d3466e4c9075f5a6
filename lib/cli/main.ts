import { UsageError } from './args';
import { serveCommand } from './serve';
import { tokenCommand, tokenUsage } from './token';
import { withDatabase } from './database';
import { userCommand, userUsage } from './user';
import { workerCommand } from './worker';

const usage = `usage:
headroom serve                 start the dashboard, API and a local agent (npm start)
headroom worker                alert evaluation and notification delivery only (no web server)
headroom migrate               apply pending database migrations
${tokenUsage}
${userUsage}`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'serve') return serveCommand();
  if (command === 'token') return tokenCommand(rest);
  if (command === 'worker') return workerCommand(rest);
  if (command === 'user') return userCommand(rest);
  if (command === 'migrate') return withDatabase(async () => { process.stdout.write('migrations are up to date\n'); });
  if (command === undefined || command === 'help' || command === '--help') {
    process.stdout.write(usage + '\n');
    return;
  }
  throw new UsageError(`unknown command "${command}"\n${usage}`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`headroom: ${(err as Error).message}\n`);
  process.exitCode = err instanceof UsageError ? 2 : 1;
});
