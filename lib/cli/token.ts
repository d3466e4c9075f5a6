import { createToken } from '../server/services/create-token';
import { listTokens } from '../server/services/list-tokens';
import { revokeToken } from '../server/services/revoke-token';
import { tokenScope } from '../server/tokens';
import { parseArgs, stringFlag, UsageError } from './args';
import { withDatabase } from './database';

export const tokenUsage = `headroom token create --name NAME --scope ingest|read|admin [--host HOSTNAME]
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
    const t = await withDatabase((db) => createToken(db, { name, scope: scope.data, hostName }));
    process.stderr.write(`created ${t.scope} token "${t.name}"${t.hostName ? ` bound to host ${t.hostName}` : ''} (id ${t.id}).\nIt is shown only now:\n`);
    process.stdout.write(`${t.token}\n`);
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
      process.stdout.write(`${t.id}  ${t.scope.padEnd(6)}  ${t.prefix}…  ${t.name}${t.hostName ? ` (host ${t.hostName})` : ''}  ${state}\n`);
    }
    return;
  }
  throw new UsageError(tokenUsage);
}
