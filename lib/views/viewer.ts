import { allows, type Role } from '../access';

/** Who a page is drawn for: the signed-in user requirePageUser() returned. */
export interface Viewer { id: string; name: string; role: Role }

/** A page's URL search params as Next.js hands them over, parsed by each view with its schema. */
export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Why a user of `role` may not use a control that needs `need`, in words for
 * the control's title and a line beside it ("viewers cannot change rules; ask
 * an editor or an admin"); undefined when they may. The server checks the role
 * again on every action: this only saves a click that would fail.
 */
export function lockedFor(role: Role, need: Role, what: string): string | undefined {
  if (allows(role, need)) return undefined;
  return `${role}s cannot ${what}; ask ${need === 'admin' ? 'an admin' : 'an editor or an admin'}`;
}
