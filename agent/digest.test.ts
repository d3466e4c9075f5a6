import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { randomUuid, sha256Hex } from './digest';

describe('the agent\'s own digest', () => {
  it('is SHA-256: the same as OpenSSL\'s for lengths across block edges and for UTF-8', () => {
    for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'a'.repeat(119), 'https://headroom.example.com', '/var/lib/héadroom-agent/ci-7', 'x'.repeat(1000)]) {
      expect(sha256Hex(text), `length ${text.length}`).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });

  it('makes version 4 UUIDs, each new', () => {
    const ids = new Set(Array.from({ length: 1000 }, randomUuid));
    expect(ids.size).toBe(1000);
    for (const id of [...ids].slice(0, 20)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
