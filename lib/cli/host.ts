import { cliActor, commandSchema, runCommand } from '../commands';
import { enrolledHosts } from '../hosts';
import { withDatabase } from '../ops';
import { checkInput, parseFlags, unknownCommand, UsageError } from './args';

export const hostUsage = `headroom host move NAME --token TOKEN           (only TOKEN's reports are taken for the host)
headroom host move --from OLD --token TOKEN      (every host of OLD, revoked or not)
headroom host remove --token TOKEN [--since 1h] [--yes]
                                                 (the hosts TOKEN enrolled, in the last 1h, 30m, 2d...
                                                 or ever: lists them; --yes removes them)`;

const units: Record<string, number> = { m: 60, h: 3600, d: 86400, w: 7 * 86400 };

/** "30m", "2h", "1d", "1w" as milliseconds. */
function since(text: string): number {
  const m = /^(\d{1,6})([mhdw])$/.exec(text.trim().toLowerCase());
  if (!m) throw new UsageError(`--since must be a time such as 30m, 2h, 1d or 1w, not "${text}"`);
  return Number(m[1]) * units[m[2]!]! * 1000;
}

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

async function remove(argv: string[]): Promise<void> {
  const { values } = parseFlags(argv, { token: { type: 'string' }, since: { type: 'string' }, yes: { type: 'boolean' } });
  if (!values.token) throw new UsageError('host remove needs --token: the ingest token (id, name or prefix) whose hosts go');
  const before = new Date();
  const input = { from: values.token, after: values.since === undefined ? null : new Date(before.getTime() - since(values.since)), before };
  checkInput(commandSchema('host.removeEnrolled'), input, { from: '--token', after: '--since' });
  const window = values.since === undefined ? 'ever' : `in the last ${values.since}`;
  await withDatabase(async (db) => {
    if (!values.yes) {
      const found = await enrolledHosts(db, input);
      const names = found.hosts.map((h) => h.name).join(', ') + (found.count > found.hosts.length ? ` and ${found.count - found.hosts.length} more` : '');
      process.stdout.write(found.count === 0 ? `token "${found.token.name}" enrolled no host ${window}\n`
        : `token "${found.token.name}" enrolled ${found.count} host${found.count === 1 ? '' : 's'} ${window}: ${names}\nrun again with --yes to remove them and all kept about them\n`);
      return;
    }
    const r = await runCommand('host.removeEnrolled', cliActor, input, { db });
    process.stdout.write(`removed ${r.hosts.length} host${r.hosts.length === 1 ? '' : 's'} token "${r.token.name}" enrolled ${window}; revoke it too, or its agents enrol them again\n`);
  });
}

const verbs = { move, remove };

export async function hostCommand([verb, ...rest]: string[]): Promise<void> {
  if (verb && Object.hasOwn(verbs, verb)) return verbs[verb as keyof typeof verbs](rest);
  throw unknownCommand('host command', verb, Object.keys(verbs), hostUsage);
}
