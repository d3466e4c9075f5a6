import 'server-only';
import type { z } from 'zod';
import type { Db, Tx } from '../server/db/client';
import { AppError, zodIssues } from '../server/errors';

/** A setting admins change (retention, status levels): stored as JSON, its fallback while unset or unreadable. */
export async function readSetting<T>(db: Db, key: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const row = await db.setting.findUnique({ where: { key } });
  const parsed = schema.safeParse(row?.value);
  return parsed.success ? parsed.data : fallback;
}

/** Stores a setting already checked with its schema. */
export async function writeSetting<T extends object>(db: Tx, key: string, value: T): Promise<T> {
  await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  return value;
}

/** A setting's value through its schema; a bad one is refused, changing nothing. */
export function checkSetting<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'check the fields', zodIssues(parsed.error.issues));
  return parsed.data;
}
