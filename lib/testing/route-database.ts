// For test files that call route handlers: a fresh database for the file, wired
// into the handlers' db(), handed to `ready` for the file's own setup, closed after.
import { afterAll, beforeAll } from 'vitest';
import { setDbForTests } from '../server/db/client';
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
