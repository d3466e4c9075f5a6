import 'server-only';
import type { Db } from '../db/client';

/** Every host's id, name and labels: for pickers and selectors. */
export const listHostNames = (db: Db) => db.host.findMany({ select: { id: true, name: true, labels: true }, orderBy: { name: 'asc' } });
