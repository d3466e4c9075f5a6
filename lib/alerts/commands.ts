import 'server-only';
import { z } from 'zod';
import { acknowledgeInput, channelInput, channelPatch, channelRouting, ruleInput, silenceInput } from '../protocol';
import { byId, command, onId } from '../server/command';
import { publicUrl } from '../server/env';
import { acknowledgeAlert } from './acknowledge-alert';
import { assertChannelDestination, createChannel, deleteChannel, sendTest, setChannelEnabled, setChannelRoute } from './channel-store';
import { rotateSecrets } from './rotate-secrets';
import { createRule, deleteRule, updateRule } from './rules';
import { createSilence, expireSilence } from './silences';

/** Alerting's changes of state: rules, channels, silences, acknowledgements. */
export const alertCommands = {
  'rule.create': command({
    schema: ruleInput,
    run: ({ tx }, rule) => createRule(tx, rule),
    audit: (r, rule) => ({ target: `rule:${r.id}`, detail: rule }),
  }),
  'rule.update': command({
    schema: onId(ruleInput),
    run: ({ tx }, { id, ...rule }) => updateRule(tx, id, rule),
    audit: (r, { id: _id, ...rule }) => ({ target: `rule:${r.id}`, detail: rule }),
  }),
  'rule.delete': command({
    schema: byId,
    run: async ({ tx }, { id }) => { await deleteRule(tx, id); return { id }; },
    audit: ({ id }) => ({ target: `rule:${id}` }),
  }),
  'channel.create': command({
    schema: channelInput,
    // DNS before the transaction: a slow name server must not hold a connection.
    prepare: async (c) => { await assertChannelDestination(c); return c; },
    run: ({ tx }, c) => createChannel(tx, c),
    audit: (c) => ({ target: `channel:${c.id}`, detail: { name: c.name, kind: c.kind } }),
  }),
  'channel.delete': command({
    schema: byId,
    run: async ({ tx }, { id }) => { await deleteChannel(tx, id); return { id }; },
    audit: ({ id }) => ({ target: `channel:${id}` }),
  }),
  'channel.setEnabled': command({
    schema: onId(channelPatch),
    run: ({ tx }, { id, enabled }) => setChannelEnabled(tx, id, enabled),
    audit: (c) => ({ action: c.enabled ? 'channel.enable' : 'channel.disable', target: `channel:${c.id}` }),
  }),
  'channel.route': command({
    schema: onId(channelRouting),
    run: ({ tx }, { id, route }) => setChannelRoute(tx, id, route),
    audit: (c, { route }) => ({ target: `channel:${c.id}`, detail: { route } }),
  }),
  // The test message is a row in the outbox: the worker sends it after the commit, like any alert.
  'channel.test': command({
    schema: byId,
    run: ({ tx }, { id }) => sendTest(tx, id, publicUrl()),
    audit: (n) => ({ target: `channel:${n.channelId}`, detail: { notificationId: n.id } }),
  }),
  // Channels are what holds secrets at rest; `plainOnly` is the start-up's sealing of rows saved before.
  'secrets.rotate': command({
    schema: z.strictObject({ plainOnly: z.boolean().default(false) }),
    run: ({ tx }, o) => rotateSecrets(tx, o),
    audit: (r, o) => ({ target: null, detail: { ...r, plainOnly: o.plainOnly } }),
  }),
  'silence.create': command({
    schema: silenceInput,
    run: ({ tx, by }, input) => createSilence(tx, input, by),
    audit: (s) => ({ target: `silence:${s.id}`, detail: { hostId: s.hostId, label: s.label, endsAt: s.endsAt, reason: s.reason } }),
  }),
  'silence.end': command({
    schema: byId,
    run: ({ tx }, { id }) => expireSilence(tx, id),
    audit: (s) => ({ target: `silence:${s.id}` }),
  }),
  'alert.acknowledge': command({
    schema: onId(acknowledgeInput),
    run: ({ tx, by }, { id, note }) => acknowledgeAlert(tx, id, by, note),
    audit: (a, { note }) => ({ target: `alert:${a.id}`, detail: { note } }),
  }),
};
