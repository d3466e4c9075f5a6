import 'server-only';
import type { Db } from '../server/db/client';

/** Every token, oldest first, with how many hosts each has enrolled. */
export async function listTokens(db: Db) {
  const [tokens, counts] = await Promise.all([
    db.apiToken.findMany({
      orderBy: { createdAt: 'asc' },
      select: { id: true, name: true, scope: true, prefix: true, hostName: true, maxHosts: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    }),
    db.host.groupBy({ by: ['enrolledBy'], _count: { _all: true }, where: { enrolledBy: { not: null } } }),
  ]);
  const enrolled = new Map(counts.map((c) => [c.enrolledBy, c._count._all]));
  return tokens.map((t) => ({ ...t, hostsEnrolled: enrolled.get(t.id) ?? 0 }));
}
