// A channel's config as stored: its secret fields (protocol's secretFields)
// sealed, the rest as given. The one module that reads or writes a stored
// config; rows saved before sealing existed hold plain values, and still open.
import { secretFields, type ChannelKind } from '../../protocol';
import { processKeyRing, type KeyRing } from '../../server/secrets/key-ring';
import { isSealed, open, seal, SecretKeyError } from '../../server/secrets/seal';

export { SecretKeyError };

export interface StoredChannel { id: string; name?: string; kind: string; config: unknown }

const fieldsOf = (kind: string): readonly string[] => secretFields[kind as ChannelKind] ?? [];
// The row and field each value belongs to, authenticated with it.
const context = (id: string, field: string) => `channel:${id}:${field}`;
const named = (c: StoredChannel, field: string) => `the ${field} of channel ${c.name ? `"${c.name}"` : c.id}`;
const record = (config: unknown) => (config ?? {}) as Record<string, unknown>;

/** The config to store for channel `id`: every secret field sealed with the current key. */
export function sealConfig(id: string, kind: string, config: object, ring = processKeyRing()): Record<string, unknown> {
  const out = { ...record(config) };
  for (const f of fieldsOf(kind)) if (typeof out[f] === 'string') out[f] = seal(ring, out[f], context(id, f));
  return out;
}

function opened(c: StoredChannel, ring: KeyRing, unopened?: (err: SecretKeyError) => string): Record<string, unknown> {
  const out = { ...record(c.config) };
  for (const f of fieldsOf(c.kind)) {
    const v = out[f];
    if (!isSealed(v)) continue;
    try {
      out[f] = open(ring, v, context(c.id, f), named(c, f));
    } catch (err) {
      if (!(err instanceof SecretKeyError) || !unopened) throw err;
      out[f] = unopened(err);
    }
  }
  return out;
}

/** The config as given: secret fields opened. Throws a SecretKeyError naming the field and the key when one does not open. */
export const openConfig = (c: StoredChannel, ring = processKeyRing()) => opened(c, ring);

/** The config to mask for display (protocol's redact): a secret that does not open reads as such, never as its ciphertext. */
export const openForDisplay = (c: StoredChannel, ring = processKeyRing()) => opened(c, ring, () => 'unreadable: sealed with a key this server does not have');

/** How each secret of a stored config is kept: a key id, or `plain`; empty for a config without secrets. */
export function keptWith(c: StoredChannel): string[] {
  const config = record(c.config);
  return fieldsOf(c.kind).flatMap((f) => (isSealed(config[f]) ? [config[f].kid] : typeof config[f] === 'string' ? ['plain'] : []));
}
