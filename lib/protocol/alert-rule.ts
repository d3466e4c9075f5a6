// Alert rules: what they watch and how they are written, validated at every edge.
import { z } from 'zod';
import { dimensionKeys } from './api';
import { hostLabel } from './report';

export const ruleDimensions = [...dimensionKeys, 'silent', 'panicRisk', 'exhaustion', 'failures'] as const;
export const ruleDimension = z.enum(ruleDimensions);
export type RuleDimension = z.infer<typeof ruleDimension>;

export const severity = z.enum(['warning', 'critical']);
export type Severity = z.infer<typeof severity>;


// Strict: a misspelt field (forSecs) is an error, not a rule saved with the
// default. What GET /rules adds (id and times) may come back in a PUT of what
// was read, and is ignored.
const readBack = { id: z.unknown().optional(), createdAt: z.unknown().optional(), updatedAt: z.unknown().optional(), deletedAt: z.unknown().optional() };
export const ruleInput = z.strictObject({
  ...readBack,
  name: z.string().trim().min(1).max(100),
  dimension: ruleDimension,
  warning: z.number().positive().nullable(),
  critical: z.number().positive().nullable(),
  forSeconds: z.number().int().min(0).max(86_400).default(0),
  hysteresis: z.number().min(0).max(0.5).default(0.05),
  label: hostLabel.nullable().default(null),
  enabled: z.boolean().default(true),
}).superRefine((r, ctx) => {
  if (r.warning === null && r.critical === null) ctx.addIssue({ code: 'custom', path: ['critical'], message: 'set a warning or a critical level' });
  const fractions = (dimensionKeys as readonly string[]).includes(r.dimension);
  for (const k of ['warning', 'critical'] as const) {
    const v = r[k];
    if (fractions && v !== null && v > 1) ctx.addIssue({ code: 'custom', path: [k], message: 'a used fraction from 0 to 1 (0.9 = 90 %)' });
  }
  if (r.warning !== null && r.critical !== null) {
    // For exhaustion the levels are seconds left: critical comes sooner.
    const ordered = r.dimension === 'exhaustion' ? r.critical <= r.warning : r.critical >= r.warning;
    if (!ordered) ctx.addIssue({ code: 'custom', path: ['critical'], message: 'critical must be past warning' });
  }
}).transform(({ id: _id, createdAt: _c, updatedAt: _u, deletedAt: _d, ...rule }) => rule);
export type RuleInput = z.infer<typeof ruleInput>;

export interface Rule extends RuleInput { id: string }

/** A rule or silence label selects hosts carrying exactly that label ("ci", "region=eu"). */
export function labelMatches(selector: string | null, hostLabels: readonly string[]): boolean {
  return selector === null || hostLabels.includes(selector);
}
