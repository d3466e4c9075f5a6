import 'server-only';
import { keptWith, openConfig, sealConfig, type StoredChannel } from './channels/config';
import type { Tx } from '../server/db/client';
import { processKeyRing } from '../server/secrets/key-ring';
import { NO_KEY, SecretKeyError } from '../server/secrets/seal';

export interface RotateResult {
  /** The key every channel's secrets are sealed with now. */
  to: string;
  /** Channels resealed, by how their secrets were kept before: a key id, or `plain`. */
  from: Record<string, number>;
  resealed: number;
  /** Channels with nothing secret in their config (an email relay without a password). */
  withoutSecrets: number;
}

/**
 * Reseals every channel's secrets with the current key (`plainOnly`: only
 * those still in plain text). Every secret is opened before any is written,
 * and a command runs in one transaction: one that does not open changes nothing.
 */
export async function rotateSecrets(tx: Tx, o: { plainOnly?: boolean } = {}, ring = processKeyRing()): Promise<RotateResult> {
  if (!ring.current) throw new SecretKeyError(NO_KEY);
  // Locked: a rotation racing another (two replicas starting) reseals each row once at a time.
  const rows = await tx.$queryRaw<StoredChannel[]>`SELECT id, name, kind, config FROM channel ORDER BY created_at, id FOR UPDATE`;
  const result: RotateResult = { to: ring.current.id, from: {}, resealed: 0, withoutSecrets: 0 };
  const writes: { id: string; config: object }[] = [];
  for (const row of rows) {
    const kept = new Set(keptWith(row));
    if (kept.size === 0) result.withoutSecrets++;
    if (kept.size === 0 || (o.plainOnly && !kept.has('plain'))) continue;
    writes.push({ id: row.id, config: sealConfig(row.id, row.kind, openConfig(row, ring), ring) });
    for (const k of kept) result.from[k] = (result.from[k] ?? 0) + 1;
  }
  for (const w of writes) await tx.channel.update({ where: { id: w.id }, data: { config: w.config } });
  result.resealed = writes.length;
  return result;
}

/** Channels by how their secrets are kept (a key id, or `plain`; a channel counted under each it uses): for `secrets status` and start-up. */
export async function secretsKeptWith(db: Pick<Tx, 'channel'>): Promise<Record<string, number>> {
  const rows = await db.channel.findMany({ select: { id: true, kind: true, config: true } });
  const by: Record<string, number> = {};
  for (const r of rows) for (const k of new Set(keptWith(r))) by[k] = (by[k] ?? 0) + 1;
  return by;
}
