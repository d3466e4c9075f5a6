import 'server-only';
import type { z } from 'zod';
import { audit } from '../server/audit';
import type { Db } from '../server/db/client';
import { AppError, zodIssues } from '../server/errors';

/** A setting admins change (retention, status levels): stored as JSON, its fallback while unset or unreadable. */
export async function readSetting<T>(db: Db, key: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const row = await db.setting.findUnique({ where: { key } });
  const parsed = schema.safeParse(row?.value);
  return parsed.success ? parsed.data : fallback;
}

/** Validates and stores a setting, audited as `<key>.set`; a bad value changes nothing. */
export async function writeSetting<T>(db: Db, key: string, schema: z.ZodType<T>, input: unknown, actor: string): Promise<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'check the fields', zodIssues(parsed.error.issues));
  const value = parsed.data as object;
  await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  await audit(db, actor, `${key}.set`, null, value);
  return parsed.data;
}
