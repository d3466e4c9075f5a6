import { cliActor, commandSchema, runCommand } from '../commands';
import { withDatabase } from '../ops';
import { checkInput, parseFlags, unknownCommand, UsageError } from './args';

export const hostUsage = `headroom host move NAME --token TOKEN           (only TOKEN's reports are taken for the host)
headroom host move --from OLD --token TOKEN      (every host of OLD, revoked or not)`;

async function move(argv: string[]): Promise<void> {
  const { values, positionals: [name] } = parseFlags(argv, { token: { type: 'string' }, from: { type: 'string' } }, 1);
  if (!values.token) throw new UsageError('host move needs --token: the ingest token (id, name or prefix) the hosts move to');
  if ((name === undefined) === (values.from === undefined)) throw new UsageError('host move needs a host name, or --from TOKEN for every host of a token');
  const input = { name, from: values.from, token: values.token };
  checkInput(commandSchema('host.move'), input, { name: 'host name', from: '--from', token: '--token' });
  const m = await withDatabase((db) => runCommand('host.move', cliActor, input, { db }));
  const what = m.hosts.length === 1 && name !== undefined ? `host ${m.hosts[0]!.name}` : `${m.hosts.length} host${m.hosts.length === 1 ? '' : 's'}`;
  process.stdout.write(m.hosts.length === 0 ? `nothing to move: already with token "${m.token.name}"\n` : `moved ${what} to token "${m.token.name}"\n`);
}

const verbs = { move };

export async function hostCommand([verb, ...rest]: string[]): Promise<void> {
  if (verb && Object.hasOwn(verbs, verb)) return verbs[verb as keyof typeof verbs](rest);
  throw unknownCommand('host command', verb, Object.keys(verbs), hostUsage);
}
