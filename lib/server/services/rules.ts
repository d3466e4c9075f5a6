import 'server-only';
import { ruleInput, type RuleInput } from '../../alerts/rule';
import type { Db } from '../db/client';
import { AppError, assertId, zodIssues } from '../errors';

export function parseRule(body: unknown): RuleInput {
  const r = ruleInput.safeParse(body);
  if (!r.success) throw new AppError('bad_request', 'invalid rule', zodIssues(r.error.issues));
  return r.data;
}

export const listRules = (db: Db) => db.alertRule.findMany({ orderBy: { createdAt: 'asc' } });

export const createRule = (db: Db, input: RuleInput) => db.alertRule.create({ data: input });

export async function updateRule(db: Db, id: string, input: RuleInput) {
  assertId(id, 'rule');
  if (!(await db.alertRule.findUnique({ where: { id } }))) throw new AppError('not_found', 'no such rule');
  return db.alertRule.update({ where: { id }, data: input });
}

export async function deleteRule(db: Db, id: string) {
  assertId(id, 'rule');
  if (!(await db.alertRule.findUnique({ where: { id } }))) throw new AppError('not_found', 'no such rule');
  await db.alertRule.delete({ where: { id } });
}
