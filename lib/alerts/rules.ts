import 'server-only';
import { ruleInput, type RuleInput } from '../protocol';
import type { Db, Tx } from '../server/db/client';
import { AppError, assertId, zodIssues } from '../server/errors';

export function parseRule(body: unknown): RuleInput {
  const r = ruleInput.safeParse(body);
  if (!r.success) throw new AppError('bad_request', 'invalid rule', zodIssues(r.error.issues));
  return r.data;
}

// The default rules were created in one statement: their ids keep them in the order given.
export const listRules = (db: Db) => db.alertRule.findMany({ where: { deletedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });

async function liveRule(db: Tx, id: string) {
  assertId(id, 'rule');
  const rule = await db.alertRule.findUnique({ where: { id } });
  if (!rule || rule.deletedAt) throw new AppError('not_found', 'no such rule');
  return rule;
}

export const createRule = (db: Tx, input: RuleInput) => db.alertRule.create({ data: input });

export async function updateRule(db: Tx, id: string, input: RuleInput) {
  await liveRule(db, id);
  return db.alertRule.update({ where: { id }, data: input });
}

/**
 * Retires the rule: it leaves the rule list and evaluation, and its open
 * alerts close quietly at the next round, as for a disabled rule. The row
 * stays so past alerts keep their history and the rule's name.
 */
export async function deleteRule(db: Tx, id: string) {
  await liveRule(db, id);
  await db.alertRule.update({ where: { id }, data: { enabled: false, deletedAt: new Date() } });
}
