import { z } from 'zod';

export const role = z.enum(['viewer', 'editor', 'admin'], { error: 'must be admin, editor or viewer' });
export type Role = z.infer<typeof role>;

// What each role may do is lib/commands/permissions.ts: roles are listed per command there, not ranked.

const nameLength = 'must be 2 to 64 characters';
export const userName = z.string({ error: 'required' }).trim().min(2, nameLength).max(64, nameLength)
  .regex(/^[A-Za-z0-9_.@-]+$/, 'may hold only letters, digits and _ . @ -');
export const password = z.string({ error: 'required' }).min(12, 'must be at least 12 characters').max(256, 'must be at most 256 characters');
