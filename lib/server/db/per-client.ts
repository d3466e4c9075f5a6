import type { Db } from './client';

/**
 * Something kept per database client, made on first use: the ingest queue,
 * the host and token caches, the raw pool. Per client, not per process, so a
 * test's fresh database never sees another's state.
 */
export function perClient<T>(name: string, make: (db: Db) => T) {
  // Kept on globalThis under its name: Next.js bundles a module once per
  // layer (pages and server actions, route handlers), so a module-level map
  // would be one per layer, and a token revoked or limited from the dashboard
  // would stay cached by the API routes until the cache lapsed.
  const g = globalThis as Record<symbol, WeakMap<Db, T> | undefined>;
  const key = Symbol.for(`headroom.perClient.${name}`);
  const made = (g[key] ??= new WeakMap<Db, T>());
  const get = (db: Db): T => {
    let v = made.get(db);
    if (v === undefined) made.set(db, (v = make(db)));
    return v;
  };
  /** Forgets a client's value and hands it back (to close it), if one was made. */
  const take = (db: Db): T | undefined => {
    const v = made.get(db);
    made.delete(db);
    return v;
  };
  return Object.assign(get, { take });
}
