import { z } from 'zod';

export const role = z.enum(['viewer', 'editor', 'admin'], { error: 'must be admin, editor or viewer' });
export type Role = z.infer<typeof role>;

const rank: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** admin ⊇ editor ⊇ viewer. */
export function allows(have: Role, need: Role): boolean {
  return rank[have] >= rank[need];
}

const nameLength = 'must be 2 to 64 characters';
export const userName = z.string({ error: 'required' }).trim().min(2, nameLength).max(64, nameLength)
  .regex(/^[A-Za-z0-9_.@-]+$/, 'may hold only letters, digits and _ . @ -');
export const password = z.string({ error: 'required' }).min(12, 'must be at least 12 characters').max(256, 'must be at most 256 characters');
