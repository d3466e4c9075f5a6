import 'server-only';
import { listRules } from '../alerts';
import type { RuleDimension } from '../protocol';
import { db } from '../server/db/client';
import { getThresholds } from '../settings';
import { lockedFor, type Viewer } from './viewer';

/** A rule as its form edits it. */
export interface RuleValues {
  id?: string; name: string; dimension: RuleDimension; warning: number | null; critical: number | null;
  forSeconds: number; hysteresis: number; label: string | null; enabled: boolean;
}

/** The alert rules page: every rule, the fleet status levels, and who may change each. */
export async function rulesPage(viewer: Viewer) {
  const [rules, thresholds] = await Promise.all([listRules(db()), getThresholds(db())]);
  return {
    // Rules are written only through the rule schema, so their dimension is one of ruleDimensions.
    rules: rules as RuleValues[],
    thresholds,
    rulesLocked: lockedFor(viewer.role, 'rule.update', 'change rules'),
    levelsLocked: lockedFor(viewer.role, 'thresholds.set', 'change the status levels'),
  };
}
