import { describePolicy, listTokens } from '../access';
import { cliActor, commandSchema, runCommand } from '../commands';
import { withDatabase } from '../ops';
import { checkInput, parseFlags, unknownCommand, UsageError } from './args';

export const tokenUsage = `headroom token create --name NAME --scope ingest|read|admin [--host HOSTNAME] [--max-hosts N|none]
                      [--agent-labels any|none|LABEL,...] [--expires 30d|12h|2w]
                      (without --max-hosts an ingest token enrols at most
                      HEADROOM_TOKEN_HOST_LIMIT hosts, 100 unless set)
headroom token limit ID|NAME|PREFIX N|none     (most hosts an ingest token may enrol)
headroom token labels ID|NAME|PREFIX any|none|LABEL,...
                      (which --label values of its agents are kept: "region=*" keeps any
                      value; only a listed label can put a host under a silence)
headroom token revoke ID|NAME|PREFIX
headroom token list`;

// What the schema calls each field, as the user typed it.
const flagNames = { name: '--name', scope: '--scope', hostName: '--host', maxHosts: '--max-hosts', agentLabels: '--agent-labels', expires: '--expires' };

const stamp = (d: Date) => d.toISOString().replace(/\.\d+Z$/, 'Z');

async function create(argv: string[]): Promise<void> {
  const { values } = parseFlags(argv, { name: { type: 'string' }, scope: { type: 'string' }, host: { type: 'string' }, 'max-hosts': { type: 'string' }, 'agent-labels': { type: 'string' }, expires: { type: 'string' } });
  const input = { name: values.name, scope: values.scope, hostName: values.host, maxHosts: values['max-hosts'], agentLabels: values['agent-labels'], expires: values.expires };
  // Checked with the command's own schema before any database is opened.
  checkInput(commandSchema('token.create'), input, flagNames);
  const t = await withDatabase((db) => runCommand('token.create', cliActor, input, { db }));
  const limits = [t.hostName ? ` bound to host ${t.hostName}` : '', t.maxHosts ? ` enrolling at most ${t.maxHosts} hosts` : '',
    t.agentLabels.mode !== 'any' ? ` keeping agent labels: ${describePolicy(t.agentLabels)}` : '', t.expiresAt ? ` expiring ${stamp(t.expiresAt)}` : ''].join('');
  process.stderr.write(`created ${t.scope} token "${t.name}"${limits} (id ${t.id}).\nIt is shown only now:\n`);
  process.stdout.write(`${t.token}\n`);
}

async function limit(argv: string[]): Promise<void> {
  const { positionals: [ref, value] } = parseFlags(argv, {}, 2);
  if (!ref || value === undefined) throw new UsageError('token limit needs a token (id, name or prefix) and a number of hosts, or none');
  const input = { token: ref, maxHosts: value };
  checkInput(commandSchema('token.limit'), input, { maxHosts: 'host limit' });
  const t = await withDatabase((db) => runCommand('token.limit', cliActor, input, { db }));
  process.stdout.write(`token "${t.name}" (id ${t.id}) ${t.maxHosts === null ? 'may enrol any number of hosts' : `may enrol at most ${t.maxHosts} hosts`}\n`);
}

async function labels(argv: string[]): Promise<void> {
  const { positionals: [ref, value] } = parseFlags(argv, {}, 2);
  if (!ref || value === undefined) throw new UsageError('token labels needs a token (id, name or prefix) and any, none or the labels to keep');
  const input = { token: ref, agentLabels: value };
  checkInput(commandSchema('token.labels'), input, { agentLabels: 'agent labels' });
  const t = await withDatabase((db) => runCommand('token.labels', cliActor, input, { db }));
  const p = t.agentLabels;
  process.stdout.write(`token "${t.name}" (id ${t.id}) ${p.mode === 'any' ? 'keeps every agent label (no silence matches them)'
    : p.mode === 'none' ? 'drops agent labels' : `keeps only agent labels ${describePolicy(p)} (silences match them)`}\n`);
}

async function revoke(argv: string[]): Promise<void> {
  const { positionals: [ref] } = parseFlags(argv, {}, 1);
  if (!ref) throw new UsageError('token revoke needs an id, name or prefix');
  const t = await withDatabase((db) => runCommand('token.revoke', cliActor, { token: ref }, { db }));
  process.stdout.write(`revoked token "${t.name}" (id ${t.id})\n`);
}

async function list(argv: string[]): Promise<void> {
  parseFlags(argv, {});
  const rows = await withDatabase((db) => listTokens(db));
  for (const t of rows) {
    const state = [
      t.revokedAt ? `revoked ${stamp(t.revokedAt)}` : `last used ${t.lastUsedAt ? stamp(t.lastUsedAt) : 'never'}`,
      t.expiresAt && !t.revokedAt ? `expires ${stamp(t.expiresAt)}` : '',
      t.refused && t.refused !== 'revoked' ? `refused: ${t.refused}` : '',
    ].filter(Boolean).join('  ');
    const hosts = t.scope === 'ingest' ? `  hosts ${t.hostsEnrolled}${t.maxHosts === null ? '' : ` of ${t.maxHosts}`}  agent labels ${describePolicy(t.agentLabels)}` : '';
    process.stdout.write(`${t.id}  ${t.scope.padEnd(6)}  ${t.prefix}…  ${t.name}${t.hostName ? ` (host ${t.hostName})` : ''}${hosts}  ${state}\n`);
  }
}

const verbs = { create, limit, labels, revoke, list };

export async function tokenCommand([verb, ...rest]: string[]): Promise<void> {
  if (verb && Object.hasOwn(verbs, verb)) return verbs[verb as keyof typeof verbs](rest);
  throw unknownCommand('token command', verb, Object.keys(verbs), tokenUsage);
}
