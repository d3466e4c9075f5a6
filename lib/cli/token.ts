import { createToken } from '../server/services/create-token';
import { listTokens } from '../server/services/list-tokens';
import { revokeToken } from '../server/services/revoke-token';
import { hostLimit, setTokenHostLimit } from '../server/services/token-host-limit';
import { tokenScope } from '../server/tokens';
import { parseArgs, stringFlag, UsageError } from './args';
import { withDatabase } from './database';

export const tokenUsage = `headroom token create --name NAME --scope ingest|read|admin [--host HOSTNAME] [--max-hosts N]
headroom token limit ID|NAME|PREFIX N|none     (most hosts an ingest token may enrol)
headroom token revoke ID|NAME|PREFIX
headroom token list`;

export async function tokenCommand(argv: string[]): Promise<void> {
  const { positionals, flags } = parseArgs(argv);
  const [verb, ref] = positionals;
  if (verb === 'create') {
    const name = stringFlag(flags, 'name');
    const scope = tokenScope.safeParse(stringFlag(flags, 'scope'));
    if (!name) throw new UsageError('--name is required');
    if (!scope.success) throw new UsageError('--scope must be ingest, read or admin');
    const hostName = stringFlag(flags, 'host') ?? null;
    if (hostName && scope.data !== 'ingest') throw new UsageError('--host binds ingest tokens only');
    const limit = hostLimit.safeParse(stringFlag(flags, 'max-hosts') ?? '');
    if (!limit.success) throw new UsageError(`--max-hosts: ${limit.error.issues[0]!.message}`);
    if (limit.data !== null && scope.data !== 'ingest') throw new UsageError('--max-hosts limits ingest tokens only');
    const t = await withDatabase((db) => createToken(db, { name, scope: scope.data, hostName, maxHosts: limit.data }));
    const limits = [t.hostName ? ` bound to host ${t.hostName}` : '', t.maxHosts ? ` enrolling at most ${t.maxHosts} hosts` : ''].join('');
    process.stderr.write(`created ${t.scope} token "${t.name}"${limits} (id ${t.id}).\nIt is shown only now:\n`);
    process.stdout.write(`${t.token}\n`);
    return;
  }
  if (verb === 'limit') {
    const value = positionals[2];
    if (!ref || value === undefined) throw new UsageError('token limit needs a token (id, name or prefix) and a number of hosts, or none');
    const t = await withDatabase((db) => setTokenHostLimit(db, ref, value));
    process.stdout.write(`token "${t.name}" (id ${t.id}) ${t.maxHosts === null ? 'may enrol any number of hosts' : `may enrol at most ${t.maxHosts} hosts`}\n`);
    return;
  }
  if (verb === 'revoke') {
    if (!ref) throw new UsageError('token revoke needs an id, name or prefix');
    const [t] = await withDatabase((db) => revokeToken(db, ref));
    process.stdout.write(`revoked token "${t!.name}" (id ${t!.id})\n`);
    return;
  }
  if (verb === 'list') {
    const rows = await withDatabase(listTokens);
    for (const t of rows) {
      const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : `last used ${t.lastUsedAt?.toISOString() ?? 'never'}`;
      const hosts = t.scope === 'ingest' ? `  hosts ${t.hostsEnrolled}${t.maxHosts === null ? '' : ` of ${t.maxHosts}`}` : '';
      process.stdout.write(`${t.id}  ${t.scope.padEnd(6)}  ${t.prefix}…  ${t.name}${t.hostName ? ` (host ${t.hostName})` : ''}${hosts}  ${state}\n`);
    }
    return;
  }
  throw new UsageError(tokenUsage);
}
