import 'server-only';
import type { Db } from '../server/db/client';
import { policyOf } from './agent-labels';

/** Every token, oldest first, with how many hosts each has enrolled and who created it (null: the CLI, or made before that was kept). */
export async function listTokens(db: Db, now = new Date()) {
  const [tokens, counts] = await Promise.all([
    db.apiToken.findMany({
      orderBy: { createdAt: 'asc' },
      select: {
        id: true, name: true, scope: true, prefix: true, hostName: true, maxHosts: true, createdAt: true, lastUsedAt: true, revokedAt: true, expiresAt: true,
        agentLabels: true, agentLabelAllow: true,
        createdBy: { select: { name: true, disabledAt: true } },
      },
    }),
    db.host.groupBy({ by: ['enrolledBy'], _count: { _all: true }, where: { enrolledBy: { not: null } } }),
  ]);
  const enrolled = new Map(counts.map((c) => [c.enrolledBy, c._count._all]));
  return tokens.map(({ agentLabels, agentLabelAllow, ...t }) => ({ ...t, agentLabels: policyOf({ agentLabels, agentLabelAllow }), hostsEnrolled: enrolled.get(t.id) ?? 0, refused: refusal(t, now) }));
}

/** Why the token no longer works, or null while it does. */
function refusal(t: { revokedAt: Date | null; expiresAt: Date | null; createdBy: { disabledAt: Date | null } | null }, now: Date): string | null {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && t.expiresAt <= now) return 'expired';
  return t.createdBy?.disabledAt ? 'its creator is disabled' : null;
}
