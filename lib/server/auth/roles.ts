import { z } from 'zod';

export const role = z.enum(['viewer', 'editor', 'admin']);
export type Role = z.infer<typeof role>;

const rank: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** admin ⊇ editor ⊇ viewer. */
export function allows(have: Role, need: Role): boolean {
  return rank[have] >= rank[need];
}

export const userName = z.string().trim().min(2).max(64).regex(/^[A-Za-z0-9_.@-]+$/, 'letters, digits and _ . @ - only');
export const password = z.string().min(12, 'at least 12 characters').max(256);
