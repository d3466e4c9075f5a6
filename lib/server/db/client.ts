import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { AppError } from '../errors';
import { dataDir, env } from '../env';
import { PrismaClient } from '../generated/prisma/client';
import { runningEmbeddedUrl } from './embedded';

export type Db = PrismaClient;
/** A client inside an interactive transaction; a Db can stand in for one (each statement then commits alone). */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** `fn` in a transaction: a new one on a Db, or the one a Tx already is (a command's, so its audit row commits with it). */
export function inTransaction<T>(db: Db | Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return '$transaction' in db ? db.$transaction(fn) : fn(db);
}

// On the client object, not in a module-level map: Next.js may bundle this
// module into more than one chunk, and every copy must find it.
const URL_KEY = Symbol.for('headroom.databaseUrl');

export function createDb(url: string): Db {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
  Object.defineProperty(client, URL_KEY, { value: url });
  return client;
}

/** The connection string a client was created with (the ingest path opens its own small pool on it). */
export function databaseUrlOf(db: Db): string {
  const url = (db as unknown as Record<symbol, string | undefined>)[URL_KEY];
  if (!url) throw new Error('this database client was not made by createDb');
  return url;
}

/** DATABASE_URL, else the embedded database served from HEADROOM_DATA_DIR by `headroom serve`. */
export function resolveDatabaseUrl(): string {
  const e = env();
  if (e.DATABASE_URL) return e.DATABASE_URL;
  const url = runningEmbeddedUrl(dataDir(e));
  if (!url) throw new AppError('internal', `no database: set DATABASE_URL, or start the embedded one with \`npm start\` (data folder ${dataDir(e)})`);
  return url;
}

const g = globalThis as { __headroomDb?: Db };

/** Lets in-process tests point route handlers at their own database. */
export function setDbForTests(d: Db | undefined): void {
  g.__headroomDb = d;
}

/** The process-wide client, created on first use (never at import: builds must not need a database). */
export function db(): Db {
  g.__headroomDb ??= createDb(resolveDatabaseUrl());
  return g.__headroomDb;
}
