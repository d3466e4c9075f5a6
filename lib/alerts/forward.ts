import 'server-only';
// Alertmanager holds an alert only as long as it keeps hearing of it: every
// minute each Alertmanager channel is sent every firing alert it carries, and
// those resolved within ten minutes (an Alertmanager restarted, or a firing
// re-send that crossed a resolve, hears the end again).
import { channelAllowList, failureText } from './channels';
import { sendAlertmanager } from './channels/alertmanager';
import { openConfig } from './channels/config';
import { alertmanagerConfig, channelRoute, ruleDimension, type ChannelRoute } from '../protocol';
import { allHostRows, silenceLabels } from '../hosts';
import { isDimensionKey } from '../dimensions';
import { fullAt, summarize, type AlertMessage } from './message';
import { routed } from './plan';
import type { Db } from '../server/db/client';
import type { KeyRing } from '../server/secrets/key-ring';

export const FORWARD_EVERY_MS = 60_000;
const RESOLVED_RESENT_MS = 10 * 60_000;

/** An alert row as the re-send reads it, with its rule's name. */
export interface ForwardedAlert {
  id: string; hostId: string; dimension: string; resource: string | null; subject: string | null; state: string;
  notifiedSeverity: string | null; value: number; used: number | null; limit: number | null; exhaustionSecs: number | null;
  resolvedAt: Date | null; rule: { name: string };
}

/** The alerts a re-send tells, as messages: firing ones at the severity last announced, resolved ones as their resolve. Pure. */
export function resentMessages(alerts: ForwardedAlert[], hosts: ReadonlyMap<string, string>, now: Date, publicUrl: string): AlertMessage[] {
  const out: AlertMessage[] = [];
  for (const a of alerts) {
    const name = hosts.get(a.hostId);
    const dimension = ruleDimension.safeParse(a.dimension);
    if (!name || !dimension.success) continue;
    const resolved = a.state === 'resolved';
    const severity = a.notifiedSeverity === 'critical' ? 'critical' : 'warning';
    const at = (resolved && a.resolvedAt ? a.resolvedAt : now).toISOString();
    const resource = a.resource && isDimensionKey(a.resource) ? a.resource : null;
    const reading = { dimension: dimension.data, resource, subject: a.subject, value: a.value, used: a.used, limit: a.limit, exhaustionSecs: a.exhaustionSecs, at };
    out.push({
      alertId: a.id, event: resolved ? 'resolved' : 'repeat', severity, rule: a.rule.name, ...reading,
      host: { id: a.hostId, name }, fullAt: a.exhaustionSecs !== null ? fullAt(at, a.exhaustionSecs) : null,
      flaps: 0, summary: summarize(reading), url: `${publicUrl}/hosts/${a.hostId}`,
    });
  }
  return out;
}

export interface ForwardOptions { now?: Date; publicUrl: string; keys?: KeyRing; send?: typeof sendAlertmanager }
export interface ForwardResult { channels: number; alerts: number; failed: string[] }

/** One re-send to every enabled Alertmanager channel; a failure waits for the next minute (nothing here is queued). */
export async function forwardToAlertmanagers(db: Db, o: ForwardOptions): Promise<ForwardResult> {
  const now = o.now ?? new Date();
  const result: ForwardResult = { channels: 0, alerts: 0, failed: [] };
  const channels = await db.channel.findMany({ where: { enabled: true, kind: 'alertmanager' } });
  if (channels.length === 0) return result;
  const alerts = await db.alert.findMany({
    where: { OR: [{ state: 'firing', notifiedSeverity: { not: null } }, { state: 'resolved', firedAt: { not: null }, resolvedAt: { gte: new Date(now.getTime() - RESOLVED_RESENT_MS) } }] },
    select: { id: true, hostId: true, dimension: true, resource: true, subject: true, state: true, notifiedSeverity: true, value: true, used: true, limit: true, exhaustionSecs: true, resolvedAt: true, rule: { select: { name: true } } },
  });
  const hostRows = alerts.length > 0 ? await allHostRows(db) : [];
  const labels = new Map(hostRows.map((h) => [h.id, silenceLabels(h)]));
  const messages = resentMessages(alerts, new Map(hostRows.map((h) => [h.id, h.name])), now, o.publicUrl);
  const send = o.send ?? sendAlertmanager;
  await Promise.all(channels.map(async (c) => {
    const route = c.route === null ? undefined : channelRoute.safeParse(c.route).data as ChannelRoute | undefined;
    const carried = messages.filter((m) => routed([m], route, labels.get(m.host.id) ?? []).length > 0);
    result.channels++;
    result.alerts += carried.length;
    if (carried.length === 0) return;
    try {
      await send(alertmanagerConfig.parse(openConfig(c, o.keys)), carried, channelAllowList(), now);
    } catch (err) {
      result.failed.push(`${c.name}: ${failureText(err)}`);
    }
  }));
  return result;
}
