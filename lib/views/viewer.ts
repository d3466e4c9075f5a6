import type { Role } from '../access';
import { permissions, roleMay, type CommandName } from '../commands';

/** Who a page is drawn for: the signed-in user requirePageUser() returned. */
export interface Viewer { id: string; name: string; role: Role }

/** A page's URL search params as Next.js hands them over, parsed by each view with its schema. */
export type SearchParams = Record<string, string | string[] | undefined>;

const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

/**
 * Why a user of `role` may not use a control that runs `command`, in words for
 * the control's title and a line beside it ("viewers cannot change rules; ask
 * an editor or an admin"), read from the permission table; undefined when they
 * may. The server checks again on every action: this only saves a failing click.
 */
export function lockedFor(role: Role, command: CommandName, what: string): string | undefined {
  if (roleMay(role, command)) return undefined;
  return `${role}s cannot ${what}; ask ${permissions[command].roles.map(article).join(' or ')}`;
}
