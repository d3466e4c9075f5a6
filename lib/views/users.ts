import 'server-only';
import { listUsers } from '../access';
import { listAudit } from '../server/audit';
import { db } from '../server/db/client';
import type { Viewer } from './viewer';

/** The users and audit page: every user and the last 100 audit events, both for admins only (empty for others). */
export async function usersPage(viewer: Viewer, now = new Date()) {
  const admin = viewer.role === 'admin';
  const [users, events] = admin ? await Promise.all([listUsers(db()), listAudit(db(), 100)]) : [[], []];
  return { now, admin, me: viewer.id, users, events };
}

export type UsersView = Awaited<ReturnType<typeof usersPage>>;
