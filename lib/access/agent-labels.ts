import { z } from 'zod';
import { hostLabel } from '../protocol';

/**
 * What an ingest token's agents may say about their own labels. Anyone with
 * the token can send any label, so only labels an admin chose ("only") are
 * trusted to put a host under a silence.
 */
export type AgentLabelPolicy = { mode: 'any' } | { mode: 'none' } | { mode: 'only'; allow: string[] };

export const anyAgentLabels: AgentLabelPolicy = { mode: 'any' };

const pattern = z.string().regex(/^[A-Za-z0-9_.\-/]+=\*$/, 'a label, or "name=*" for any value of it');
const entry = (a: string) => (a.endsWith('=*') ? pattern : hostLabel).safeParse(a);

/** "any", "none", or a comma-separated allow-list of labels and "name=*" patterns, as typed in a form or on the command line. */
export const agentLabelPolicy = z.string().trim().min(1, 'any, none, or the labels to keep (ci, region=*)').max(2000)
  .transform((v, ctx): AgentLabelPolicy => {
    const word = v.toLowerCase();
    if (word === 'any' || word === 'none') return { mode: word };
    const allow = [...new Set(v.split(',').map((x) => x.trim()).filter(Boolean))].sort();
    for (const a of allow) {
      const r = entry(a);
      if (!r.success) ctx.addIssue({ code: 'custom', message: `"${a}": ${r.error.issues[0]!.message}` });
    }
    if (allow.length > 50) ctx.addIssue({ code: 'custom', message: 'at most 50 labels' });
    return { mode: 'only', allow };
  });

/** The policy as stored on the token row. */
export function policyOf(row: { agentLabels: string; agentLabelAllow: string[] | null }): AgentLabelPolicy {
  if (row.agentLabels === 'none') return { mode: 'none' };
  if (row.agentLabels === 'only') return { mode: 'only', allow: row.agentLabelAllow ?? [] };
  return anyAgentLabels;
}

export const policyColumns = (p: AgentLabelPolicy) => ({ agentLabels: p.mode, agentLabelAllow: p.mode === 'only' ? p.allow : [] });

/** "any", "none" or "ci, region=*": how the tables and the CLI show it. */
export const describePolicy = (p: AgentLabelPolicy): string => (p.mode === 'only' ? p.allow.join(', ') || 'none' : p.mode);

const allows = (allow: string[], label: string) =>
  allow.some((a) => a === label || (a.endsWith('=*') && label.startsWith(a.slice(0, -1))));

/** The labels of a report that its token keeps. */
export function keptAgentLabels(labels: string[], p: AgentLabelPolicy): string[] {
  if (p.mode === 'any') return labels;
  if (p.mode === 'none') return [];
  return labels.filter((l) => allows(p.allow, l));
}

/** The stored mode whose labels silences trust: an admin listed them (see lib/hosts silenceLabels). */
export const TRUSTED_AGENT_LABELS = 'only' satisfies AgentLabelPolicy['mode'];
export const trustsAgentLabels = (storedMode: string | null | undefined) => storedMode === TRUSTED_AGENT_LABELS;
