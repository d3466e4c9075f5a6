import 'server-only';
import type { Tx } from '../server/db/client';
import { AppError } from '../server/errors';
import { policyColumns, type AgentLabelPolicy } from './agent-labels';
import { activeTokenByRef } from './token-ref';

/**
 * Sets what an ingest token's agents' labels do. Hosts keep the labels they
 * have until their next report; silences follow the new policy at the next
 * alert round. Effective once forgetTokens runs after the commit.
 */
export async function writeTokenAgentLabels(db: Tx, ref: string, policy: AgentLabelPolicy): Promise<{ id: string; name: string; agentLabels: AgentLabelPolicy }> {
  const t = await activeTokenByRef(db, ref);
  if (t.scope !== 'ingest') throw new AppError('bad_request', 'only ingest tokens carry agent labels');
  await db.apiToken.update({ where: { id: t.id }, data: policyColumns(policy) });
  return { id: t.id, name: t.name, agentLabels: policy };
}
