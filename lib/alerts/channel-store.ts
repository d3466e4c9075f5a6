import 'server-only';
import { randomUUID } from 'node:crypto';
import { channelInput, redact, type ChannelInput, type ChannelRoute } from '../protocol';
import { channelAllowList, destinationProblem } from './channels';
import { openForDisplay, sealConfig, type StoredChannel } from './channels/config';
import type { AlertMessage } from './message';
import type { Db, Tx } from '../server/db/client';
import { Prisma } from '../server/generated/prisma/client';
import type { KeyRing } from '../server/secrets/key-ring';
import { AppError, assertId, zodIssues } from '../server/errors';

export function parseChannel(body: unknown): ChannelInput {
  const r = channelInput.safeParse(body);
  if (!r.success) throw new AppError('bad_request', 'invalid channel', zodIssues(r.error.issues));
  return r.data;
}

/** A channel with its secrets masked: what browsers and API readers see. */
const masked = <C extends StoredChannel>(c: C) => ({ ...c, config: redact(openForDisplay(c)) });

/** Channels with their secrets masked. */
export async function listChannels(db: Db) {
  const rows = await db.channel.findMany({ orderBy: { createdAt: 'asc' } });
  return rows.map(masked);
}

/** Refuses a channel whose destination is an internal address (unless HEADROOM_CHANNEL_ALLOW names it). */
export async function assertChannelDestination(input: ChannelInput, allow = channelAllowList()): Promise<void> {
  const problem = await destinationProblem(input.kind, input.config, allow);
  if (problem) throw new AppError('bad_request', problem.message, [problem]);
}

/** Stores a channel with its secrets sealed (the id is made here: it is part of what each sealed value is bound to). */
export async function createChannel(db: Tx, input: ChannelInput, ring?: KeyRing) {
  const id = randomUUID();
  const config = sealConfig(id, input.kind, input.config, ring);
  // Plain JSON: strings, numbers, booleans, arrays of strings, sealed values.
  const row = await db.channel.create({ data: { id, name: input.name, kind: input.kind, config: config as object, enabled: input.enabled, ...(input.route ? { route: input.route } : {}) } });
  return { ...row, config: redact(input.config) };
}

export async function deleteChannel(db: Tx, id: string) {
  assertId(id, 'channel');
  // deleteMany: a removal racing another is "no such channel", not a server error.
  const { count } = await db.channel.deleteMany({ where: { id } });
  if (count === 0) throw new AppError('not_found', 'no such channel');
}

/** Pauses a channel (alerts are recorded, nothing is sent through it) or resumes it. */
export async function setChannelEnabled(db: Tx, id: string, enabled: boolean) {
  assertId(id, 'channel');
  // updateMany, then read: a channel deleted meanwhile is "no such channel", not a server error.
  const { count } = await db.channel.updateMany({ where: { id }, data: { enabled } });
  const channel = count === 0 ? null : await db.channel.findUnique({ where: { id } });
  if (!channel) throw new AppError('not_found', 'no such channel');
  return masked(channel);
}

/** What a channel carries from now on; null: every alert of every host. */
export async function setChannelRoute(db: Tx, id: string, route: ChannelRoute | null) {
  assertId(id, 'channel');
  const { count } = await db.channel.updateMany({ where: { id }, data: { route: route ?? Prisma.DbNull } });
  const channel = count === 0 ? null : await db.channel.findUnique({ where: { id } });
  if (!channel) throw new AppError('not_found', 'no such channel');
  return masked(channel);
}

/** Queues a test message through the outbox, so it is delivered, retried and logged like any alert. */
export async function sendTest(db: Tx, id: string, publicUrl: string, now = new Date()) {
  assertId(id, 'channel');
  const channel = await db.channel.findUnique({ where: { id } });
  if (!channel) throw new AppError('not_found', 'no such channel');
  const message: AlertMessage = {
    alertId: '00000000-0000-0000-0000-000000000000', event: 'test', severity: 'warning', rule: 'test', dimension: 'inotifyInstances',
    resource: null, subject: null, host: { id: '', name: 'test' }, value: 0, used: null, limit: null, exhaustionSecs: null, fullAt: null, flaps: 0,
    summary: 'a test', at: now.toISOString(), url: publicUrl,
  };
  return db.notification.create({ data: { channelId: id, kind: 'test', payload: message as object, nextAttemptAt: now } });
}

/** The delivery log: notifications, newest first, with their attempts. */
export async function deliveryLog(db: Db, limit = 100) {
  return db.notification.findMany({
    orderBy: { createdAt: 'desc' },
    take: limit,
    include: { channel: { select: { name: true, kind: true } }, attemptLog: { orderBy: { at: 'asc' } } },
  });
}
