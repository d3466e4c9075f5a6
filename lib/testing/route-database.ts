// For test files that call route handlers: a fresh database for the file, wired
// into the handlers' db(), handed to `ready` for the file's own setup, closed after.
import { afterAll, beforeAll } from 'vitest';
import { setDbForTests } from '../server/db/client';
import { createToken } from '../access';
import type { TokenScope } from '../access';
import { openTestDatabase, type DbKind, type TestDatabase } from './databases';

export function useRouteDatabase(kind: DbKind, ready: (t: TestDatabase) => Promise<void>): void {
  let t: TestDatabase | undefined;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    setDbForTests(t.db);
    await ready(t);
  });
  afterAll(async () => {
    setDbForTests(undefined);
    await t?.close();
  });
}

/** useRouteDatabase with a token of each scope made first: `api.t` and `api.token.read` are set once the file's setup ran. */
export function useRouteApi(kind: DbKind, ready: (t: TestDatabase) => Promise<void> = async () => {}) {
  const api = { t: undefined as unknown as TestDatabase, token: {} as Record<TokenScope, string> };
  useRouteDatabase(kind, async (t) => {
    api.t = t;
    for (const scope of ['ingest', 'read', 'admin'] as const) api.token[scope] = (await createToken(t.db, { name: `test-${scope}`, scope })).token;
    await ready(t);
  });
  return api;
}
