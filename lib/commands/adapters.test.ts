// The adapters of the command path, read as files: each command has the
// adapters its permission-table line promises (a role needs a server action, a
// scope an API route, `cli` a CLI verb), every server action and mutating API
// route is one command call, and no adapter checks a role or a scope itself.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandNames, permissions, type CommandName } from '.';

const root = path.resolve(import.meta.dirname, '../..');

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) yield* files(rel);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts')) yield rel;
  }
}

const actions = [...files('app')].filter((f) => /(^|\/)actions\.ts$|-actions\.ts$/.test(f));
const apiRoutes = [...files('app/api')].filter((f) => f.endsWith('route.ts'));
const cli = [...files('lib/cli'), 'lib/ops/local-agent.ts'];
const read = (f: string) => readFileSync(path.join(root, f), 'utf8');

/** The command names `call` is made with in `fileList` ("uiCommand(id ? 'rule.update' : 'rule.create', …" names both). */
function called(fileList: string[], call: RegExp): Set<string> {
  const names = new Set<string>();
  for (const f of fileList) {
    for (const line of read(f).split('\n')) {
      if (!call.test(line)) continue;
      for (const m of line.matchAll(/'([a-z]+\.[A-Za-z]+)'/g)) names.add(m[1]!);
    }
  }
  return names;
}

describe('command adapters', () => {
  const ui = called(actions, /\buiCommand\(/);
  const api = called(apiRoutes, /\bapiCommand\(/);
  const byCli = called(cli, /\brunCommand\([^,]+, cliActor\b/);
  const bySetup = called(actions, /\brunCommand\([^,]+, setupActor\b/);

  it('name only commands that exist', () => {
    for (const n of [...ui, ...api, ...byCli, ...bySetup]) expect(commandNames, n).toContain(n);
  });

  it.each(commandNames)('%s has the adapters its permissions promise, and no others', (name: CommandName) => {
    const p: { roles: readonly string[]; scopes: readonly string[]; system?: readonly string[] } = permissions[name];
    expect(ui.has(name), 'a server action').toBe(p.roles.length > 0);
    expect(api.has(name), 'an API route').toBe(p.scopes.length > 0);
    expect(byCli.has(name), 'a CLI verb').toBe(p.system?.includes('cli') ?? false);
    expect(bySetup.has(name), 'first-run setup').toBe(p.system?.includes('setup') ?? false);
  });

  it('are each one command call, checking no role or scope themselves, never touching the database client', () => {
    for (const f of [...actions, ...apiRoutes, ...cli]) {
      const src = read(f);
      for (const check of [/\brequireRole\(/, /\ballows\(/, /\bcaller\(/, /\bauthenticate\(/, /\bidentifyToken\(/, /\bpermit\(/, /\baudit\(/]) {
        expect(check.test(src), `${f}: ${check.source}`).toBe(false);
      }
      // The CLI's local agent token is made in lib/ops, a data layer; the edges never reach the client.
      if (!f.startsWith('lib/ops/')) expect(src, f).not.toMatch(/lib\/server\/db\b|server\/db\//);
    }
    // Signing in makes an actor rather than being run by one; reports are ingest's hot path.
    const exempt = new Set(['loginAction']);
    for (const f of actions) {
      for (const [, fn, body] of read(f).matchAll(/export async function (\w+)\([^)]*\)[^{]*\{([\s\S]*?)\n\}/g)) {
        if (exempt.has(fn!)) continue;
        expect(/\b(uiCommand|runCommand)\(/.test(body!), `${f}: ${fn} makes a command call`).toBe(true);
      }
    }
    for (const f of apiRoutes.filter((r) => !['app/api/v1/reports/route.ts', 'app/api/[...rest]/route.ts'].includes(r))) {
      for (const [, method, rhs] of read(f).matchAll(/export const (POST|PUT|PATCH|DELETE) = (\w+)/g)) expect(rhs, `${f} ${method}`).toBe('apiCommand');
    }
  });
});
