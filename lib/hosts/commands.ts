import 'server-only';
import { z } from 'zod';
import { hostLabelsInput } from '../protocol';
import { command, onId } from '../server/command';
import { forgetHost, removeHostRows } from './delete-host';
import { moveHosts, moveHostsInput } from './move-host';
import { LISTED, removeEnrolledHosts, removeEnrolledInput } from './remove-enrolled';
import { setHostLabels } from './set-host-labels';

/** What admins change about a host: its labels, the token it belongs to, and whether it is kept at all (one host, or a token's flood). */
export const hostCommands = {
  'host.labels': command({
    schema: onId(hostLabelsInput),
    run: ({ tx }, { id, labels }) => setHostLabels(tx, id, labels),
    audit: (h, { labels }) => ({ target: `host:${h.id}`, detail: { labels } }),
  }),
  'host.move': command({
    schema: moveHostsInput,
    run: ({ tx }, input) => moveHosts(tx, input),
    audit: (m, input) => ({
      target: m.from ? `token:${m.from.id}` : `host:${m.hosts[0]?.id ?? input.id ?? input.name}`,
      // Names, not only a count: the log says which hosts changed hands. Bounded for a token's thousands.
      detail: { token: m.token.name, from: m.from?.name ?? null, moved: m.hosts.length, hosts: m.hosts.slice(0, 50).map((h) => h.name) },
    }),
  }),
  'host.removeEnrolled': command({
    schema: removeEnrolledInput,
    run: async ({ tx, db, afterCommit }, input) => {
      const removed = await removeEnrolledHosts(tx, input);
      afterCommit(() => { for (const h of removed.hosts) forgetHost(db, h.name); });
      return removed;
    },
    audit: (r, w) => ({
      target: `token:${r.token.id}`,
      detail: { token: r.token.name, after: w.after, before: w.before, removed: r.hosts.length, hosts: r.hosts.slice(0, LISTED).map((h) => h.name) },
    }),
  }),
  'host.delete': command({
    // The form asks for the host's name typed back; the API does not.
    schema: z.strictObject({ id: z.string(), confirm: z.string().optional() }),
    run: async ({ tx, db, afterCommit }, { id, confirm }) => {
      const host = await removeHostRows(tx, id, confirm);
      afterCommit(() => forgetHost(db, host.name));
      return host;
    },
    audit: (h) => ({ target: `host:${h.id}`, detail: { name: h.name } }),
  }),
};
