import 'server-only';
import { deliveryLog, listChannels, outboxLine, type AlertMessage, type HostNotification } from '../alerts';
import { channelRoute } from '../protocol';
import { db } from '../server/db/client';
import { lockedFor, type Viewer } from './viewer';

const storedRoute = (stored: unknown) => {
  const r = stored === null || stored === undefined ? null : channelRoute.safeParse(stored);
  return r?.success ? r.data : null;
};

/** "critical only · hosts labelled team=ci", or null for a channel that carries everything. */
function describeRoute(stored: unknown): string | null {
  const r = storedRoute(stored);
  if (!r) return null;
  const parts = [r.minSeverity === 'critical' ? 'critical only' : null, r.labels.length ? `hosts labelled ${r.labels.join(' or ')}` : null].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}

/** The notification channels page: the channels, the last 50 deliveries, and whether this user may change them. */
export async function channelsPage(viewer: Viewer, now = new Date()) {
  const [channels, log] = await Promise.all([listChannels(db()), deliveryLog(db(), 50)]);
  return {
    now,
    locked: lockedFor(viewer.role, 'channel.create', 'change channels'),
    channels: channels.map((c) => {
      const config = c.config as Record<string, unknown>;
      return { id: c.id, kind: c.kind, name: c.name, enabled: c.enabled, target: String(config.url ?? config.host ?? ''), carries: describeRoute(c.route), route: storedRoute(c.route) ?? { minSeverity: 'warning' as const, labels: [] } };
    }),
    deliveries: log.map((n) => {
      const last = n.attemptLog.at(-1);
      return {
        id: n.id, createdAt: n.createdAt, channel: n.channel.name,
        // Written by the evaluation round (lib/alerts/plan.ts), in one of the two shapes messagesOf reads.
        what: n.kind === 'test' ? 'test' : outboxLine(n.payload as unknown as HostNotification | AlertMessage),
        status: n.status, retrying: n.status === 'pending' && n.attempts > 0, attempts: n.attempts,
        lastAnswer: last?.response ?? null,
      };
    }),
  };
}

export type ChannelsView = Awaited<ReturnType<typeof channelsPage>>;
