import 'server-only';
import { z } from 'zod';
import { ingestTokenByRef } from '../access';
import { hostTokenInput } from '../protocol';
import type { Tx } from '../server/db/client';
import { AppError, assertId } from '../server/errors';

const ref = z.string({ error: 'required' }).trim().min(1, 'required');

/** One host (`id`, or its `name` as the CLI gives it), or every host of a token (`from`, revoked ones too), to the ingest token `token`. */
export const moveHostsInput = hostTokenInput.extend({ id: z.string().optional(), name: ref.optional(), from: ref.optional(), token: ref })
  .refine((v) => [v.id, v.name, v.from].filter((x) => x !== undefined).length === 1, { message: 'name one host, or the token whose hosts move', path: ['id'] });

export interface Moved { token: { id: string; name: string }; from: { id: string; name: string } | null; hosts: { id: string; name: string }[] }

/**
 * Gives hosts to another ingest token: from then on only its reports are
 * taken for them (lib/ingest). An admin's act, never an agent's: a token
 * that could claim hosts could silence them.
 */
export async function moveHosts(tx: Tx, input: z.output<typeof moveHostsInput>): Promise<Moved> {
  const token = await ingestTokenByRef(tx, input.token);
  let from: Moved['from'] = null;
  let where: { id: string } | { enrolledBy: string };
  if (input.id !== undefined || input.name !== undefined) {
    if (input.id !== undefined) assertId(input.id, 'host');
    const host = await tx.host.findUnique({ where: input.id !== undefined ? { id: input.id } : { name: input.name! }, select: { id: true } });
    if (!host) throw new AppError('not_found', input.name !== undefined ? `no host is named "${input.name}"` : 'no such host');
    where = { id: host.id };
  } else {
    const t = await ingestTokenByRef(tx, input.from!, { revoked: true });
    from = { id: t.id, name: t.name };
    where = { enrolledBy: t.id };
  }
  const hosts = await tx.host.findMany({ where: { ...where, NOT: { enrolledBy: token.id } }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
  if (token.maxHosts !== null && hosts.length > 0) {
    const has = await tx.host.count({ where: { enrolledBy: token.id } });
    if (has + hosts.length > token.maxHosts) {
      throw new AppError('bad_request', `token "${token.name}" may hold ${token.maxHosts} hosts and holds ${has}: `
        + `raise its limit (headroom token limit) before moving ${hosts.length} more to it`);
    }
  }
  await tx.host.updateMany({ where: { id: { in: hosts.map((h) => h.id) } }, data: { enrolledBy: token.id } });
  return { token: { id: token.id, name: token.name }, from, hosts };
}

/** The token a host belongs to, and the active ingest tokens it could be given to: for an admin's form. */
export async function hostOwnership(db: Tx, id: string) {
  const host = await db.host.findUnique({ where: { id }, select: { enrolledBy: true } });
  const tokens = await db.apiToken.findMany({
    where: { scope: 'ingest', OR: [{ revokedAt: null }, ...(host?.enrolledBy ? [{ id: host.enrolledBy }] : [])] },
    select: { id: true, name: true, prefix: true, revokedAt: true }, orderBy: { name: 'asc' },
  });
  const owner = tokens.find((t) => t.id === host?.enrolledBy) ?? null;
  return { owner, choices: tokens.filter((t) => t.revokedAt === null && t.id !== owner?.id) };
}
