import 'server-only';
import { listUsers, oidcSettings } from '../access';
import { listAudit } from '../server/audit';
import { db } from '../server/db/client';
import { isId } from '../server/errors';
import type { Viewer } from './viewer';

/** The users and audit page: every user and the last 100 audit events, both for admins only (empty for others), and whether one's own password can be changed. */
export async function usersPage(viewer: Viewer, now = new Date()) {
  const admin = viewer.role === 'admin';
  const [users, events, mine] = await Promise.all([
    admin ? listUsers(db()) : [], admin ? listAudit(db(), 100) : [], isId(viewer.id) ? db().user.findUnique({ where: { id: viewer.id }, select: { passwordHash: true } }) : null,
  ]);
  // An account made by single sign-on has no password here to change.
  return { now, admin, me: viewer.id, users, events, sso: oidcSettings()?.name ?? null, ownPassword: mine?.passwordHash != null };
}

export type UsersView = Awaited<ReturnType<typeof usersPage>>;
