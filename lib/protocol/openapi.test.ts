// The OpenAPI description, checked against real answers of the real route handlers.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { createToken } from '../access';
import type { TestDatabase } from '../testing/databases';
import { useRouteDatabase } from '../testing/route-database';
import { getHosts, postReport } from '../testing/http';
import { makeReport } from '../testing/report-factory';
import { openApiDocument } from './openapi';

const doc = openApiDocument('test');
const ajv = new Ajv2020({ strict: false, allErrors: true });
const check = (name: keyof typeof doc.components.schemas, value: unknown) => {
  const validate = ajv.compile(doc.components.schemas[name] as object);
  return validate(value) ? null : JSON.stringify(validate.errors?.slice(0, 3));
};

describe('OpenAPI description', () => {
  let t: TestDatabase;
  let ingest: string;
  let read: string;
  useRouteDatabase('pglite', async (db) => {
    t = db;
    ingest = (await createToken(t.db, { name: 'i', scope: 'ingest' })).token;
    read = (await createToken(t.db, { name: 'r', scope: 'read' })).token;
  });

  it('describes every path the API serves, under /api/v1', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const p of Object.keys(doc.paths)) expect(p).toMatch(/^\/(api\/v1\/|api\/health$|metrics$)/);
  });

  it('describes every method of every API route file, with a request body where the handler reads one', () => {
    const served: Record<string, Record<string, boolean>> = {};
    // [...rest] answers unknown addresses with a JSON 404: not part of the API.
    for (const file of readdirSync('app/api', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('route.ts') && !f.includes('[...'))) {
      const p = `/api/${path.dirname(file)}`.replace(/\[(\w+)\]/g, '{$1}');
      // Each exported handler's source, up to the next export: does it read a JSON body (a command's, or a report)?
      const parts = readFileSync(path.join('app/api', file), 'utf8').split(/^export (?:const|async function|function) /m).slice(1);
      served[p] = Object.fromEntries(parts.flatMap((part) => {
        const method = /^(GET|POST|PUT|PATCH|DELETE)\b/.exec(part)?.[1];
        return method ? [[method.toLowerCase(), /[jJ]sonBody\(|\bbody: '(json|optional)'|\bpostReport\(/.test(part)]] : [];
      }));
    }
    const described = Object.fromEntries(Object.entries(doc.paths).filter(([p]) => p.startsWith('/api/')).map(([p, ops]) => [p,
      Object.fromEntries(Object.entries(ops as Record<string, { requestBody?: unknown }>).map(([m, op]) => [m, op.requestBody !== undefined]))]));
    expect(described).toEqual(served);
  });

  it('matches real answers: a report in, the 202, the host list, an error', async () => {
    const r = makeReport({ hostName: 'spec' });
    expect(check('Report', r)).toBeNull();
    const accepted = await postReport(r, ingest);
    expect(check('Accepted', await accepted.json())).toBeNull();
    expect(check('HostList', await (await getHosts(read)).json())).toBeNull();
    expect(check('Error', await (await getHosts(null)).json())).toBeNull();
    expect(check('Report', { ...r, protocolVersion: 9 })).not.toBeNull();
  });
});
