import type { Db } from './client';

/**
 * Something kept per database client, made on first use: the ingest queue,
 * the host and token caches, the raw pool. Per client, not per process, so a
 * test's fresh database never sees another's state.
 */
export function perClient<T>(make: (db: Db) => T) {
  const made = new WeakMap<Db, T>();
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
