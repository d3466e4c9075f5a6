// The labels of the settings forms, shared by the forms that show them and the
// actions whose errors name a field by them ("Warning %: must be between 1 and 100").
import { z } from 'zod';
import { ruleDimension } from '@/lib/protocol';
import { dimensionKeys } from '@/lib/protocol';
import { hostLabel } from '@/lib/protocol';

type Labels = Readonly<Record<string, string>>;

/** Limits take percentages; exhaustion seconds left; conditions 1 for on. */
export type RuleUnit = 'percent' | 'seconds' | 'condition';
export const ruleUnit = (dimension: string): RuleUnit =>
  (dimensionKeys as readonly string[]).includes(dimension) ? 'percent' : dimension === 'exhaustion' ? 'seconds' : 'condition';

const unitWord: Record<RuleUnit, string> = { percent: '%', seconds: '(s left)', condition: '(1 = on)' };

export function ruleLabels(unit: RuleUnit) {
  return {
    name: 'Name', dimension: 'Watches', warning: `Warning ${unitWord[unit]}`, critical: `Critical ${unitWord[unit]}`,
    forSeconds: 'For (s)', hysteresis: `Hysteresis ${unit === 'percent' ? 'points' : '%'}`, label: 'Hosts with label',
  } satisfies Labels;
}

export const thresholdLabels = { warning: 'Warning at (% of a limit)', critical: 'Critical at (%)', silentAfterIntervals: 'Silent after (missed intervals)' } as const satisfies Labels;

export const retentionLabels = {
  reportDays: 'Keep every report (days)', minuteDays: 'Keep per-minute rollups (days)', hourDays: 'Keep per-hour rollups (days)', historyDays: 'Keep alert history and logs (days)',
} as const satisfies Labels;

export const tokenLabels = { name: 'Name', scope: 'Scope', hostName: 'Bound to host', maxHosts: 'Most hosts', agentLabels: 'Agent labels', expires: 'Expires after' } as const satisfies Labels;

export const userLabels = { name: 'Name', role: 'Role', password: 'Password (12+)' } as const satisfies Labels;

export const passwordLabels = { current: 'Current password', password: 'New password (12+)', confirm: 'New password again' } as const satisfies Labels;

export const channelLabels = {
  name: 'Name', 'config.url': 'URL', 'config.secret': 'Signing secret', 'config.host': 'SMTP host', 'config.port': 'Port', 'config.security': 'Security',
  'config.user': 'User', 'config.password': 'Password', 'config.from': 'From', 'config.to': 'To (comma-separated)',
  'config.routingKey': 'Integration (routing) key', 'config.apiKey': 'API key', 'config.topic': 'Topic', 'config.token': 'Access token',
  'config.botToken': 'Bot token', 'config.chatId': 'Chat id',
  'config.template': 'Body template (optional: JSON with {{subject}}, {{body}}, {{host}}, {{severity}}, {{event}}…)',
  'route.minSeverity': 'Carries', 'route.labels': 'Only hosts labelled (comma-separated)',
} as const satisfies Labels;

// How the rule and status-level forms read: in the units they show. A rule
// stores fractions; a person types 80 for 80 %, and a fraction typed there
// (0.8) is refused rather than saved as 0.8 %.
const blankAs = <T>(empty: T) => (v: unknown) => (v === null || v === undefined || String(v).trim() === '' ? empty : Number(v));

/** A percentage typed into a form (80 for 80 %), between `min` and `max`; blank is null. */
export function formPercent(min = 1, max = 100) {
  const message = `must be between ${min} and ${max}`;
  return z.preprocess(blankAs(null), z.number().min(min, message).max(max, message).nullable());
}

function ruleLevel(unit: RuleUnit) {
  if (unit === 'percent') return formPercent(1, 100);
  if (unit === 'seconds') return z.preprocess(blankAs(null), z.number().int('must be whole seconds').min(1).max(30 * 86400).nullable());
  return z.preprocess(blankAs(null), z.literal(1, { error: 'must be 1 (on) or empty' }).nullable());
}

/** A rule as its form sends it, checked in the form's units. */
export function ruleForm(unit: RuleUnit) {
  return z.object({
    name: z.string().trim().min(1).max(100),
    dimension: ruleDimension,
    warning: ruleLevel(unit),
    critical: ruleLevel(unit),
    forSeconds: z.preprocess(blankAs(0), z.number().int('must be whole seconds').min(0).max(86_400)),
    hysteresis: z.preprocess(blankAs(5), z.number().min(0).max(50)),
    label: z.string().trim().transform((v) => v || null).pipe(hostLabel.nullable()),
    enabled: z.boolean(),
  }).superRefine((r, ctx) => {
    if (r.warning === null && r.critical === null) ctx.addIssue({ code: 'custom', path: ['critical'], message: 'set a warning or a critical level' });
    if (r.warning === null || r.critical === null) return;
    // Seconds left: critical comes sooner, so it is the smaller number.
    if (unit === 'seconds' ? r.critical > r.warning : r.critical < r.warning) {
      ctx.addIssue({ code: 'custom', path: ['critical'], message: unit === 'seconds' ? 'must be no more seconds than the warning level' : 'must be at or above the warning level' });
    }
  }).transform((r) => {
    const stored = (v: number | null) => (v === null || unit !== 'percent' ? v : v / 100);
    // Hysteresis is points of the limit for percentages, a percentage of the level for seconds: a fraction either way.
    return { ...r, warning: stored(r.warning), critical: stored(r.critical), hysteresis: r.hysteresis / 100 };
  });
}

/** The fleet's status levels as their form sends them, in percent. */
export const thresholdsForm = z.object({
  warning: formPercent(1, 99.9),
  critical: formPercent(1, 100),
  silentAfterIntervals: z.preprocess(blankAs(null), z.number().int('must be a whole number').min(2).max(100)),
}).superRefine((t, ctx) => {
  if (t.warning === null) ctx.addIssue({ code: 'custom', path: ['warning'], message: 'required' });
  if (t.critical === null) ctx.addIssue({ code: 'custom', path: ['critical'], message: 'required' });
  if (t.warning !== null && t.critical !== null && t.critical <= t.warning) ctx.addIssue({ code: 'custom', path: ['critical'], message: 'must be above the warning level' });
}).transform((t) => ({ warning: (t.warning ?? 0) / 100, critical: (t.critical ?? 0) / 100, silentAfterIntervals: t.silentAfterIntervals }));
