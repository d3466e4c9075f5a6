import type { AlertMessage } from '../message';
import { alertmanagerConfig, emailConfig, ntfyConfig, opsgenieConfig, pagerdutyConfig, slackConfig, telegramConfig, webhookConfig } from '../../protocol';
import { env } from '../../server/env';
import { checkedAddresses, parseAllowList, RefusedDestination, type AllowList } from './destination';
import { sendAlertmanager } from './alertmanager';
import { sendChat } from './chat';
import { sendEmail } from './email';
import { sendOpsgenie } from './opsgenie';
import { sendPagerduty } from './pagerduty';
import { sendNtfy, sendTelegram } from './push';
import { sendSlack } from './slack';
import { sendWebhook } from './webhook';

let allowed: { text: string | undefined; list: AllowList } | undefined;
/** The admin's HEADROOM_CHANNEL_ALLOW, parsed once. */
export function channelAllowList(): AllowList {
  const text = env().HEADROOM_CHANNEL_ALLOW;
  if (!allowed || allowed.text !== text) allowed = { text, list: parseAllowList(text) };
  return allowed.list;
}

/** Sends messages (one, or a digest) through a channel; throws when the receiver did not take them. */
export async function sendThrough(kind: string, config: unknown, messages: AlertMessage[], deliveryId: string, allow = channelAllowList()): Promise<string> {
  switch (kind) {
    case 'webhook': return sendWebhook(webhookConfig.parse(config), messages, deliveryId, allow);
    case 'slack': return sendSlack(slackConfig.parse(config), messages, allow);
    case 'email': return sendEmail(emailConfig.parse(config), messages, deliveryId, allow);
    case 'pagerduty': return sendPagerduty(pagerdutyConfig.parse(config), messages, deliveryId, allow);
    case 'opsgenie': return sendOpsgenie(opsgenieConfig.parse(config), messages, deliveryId, allow);
    case 'ntfy': return sendNtfy(ntfyConfig.parse(config), messages, allow);
    case 'telegram': return sendTelegram(telegramConfig.parse(config), messages, allow);
    case 'alertmanager': return sendAlertmanager(alertmanagerConfig.parse(config), messages, allow);
    case 'discord': case 'googlechat': case 'teams': return sendChat(kind, slackConfig.parse(config), messages, allow);
    default: throw new Error(`unknown channel kind ${kind}`);
  }
}

/** The host a channel connects to: the webhook's or Slack's URL host, or the SMTP relay. */
function destinationOf(kind: string, config: unknown): { host: string; field: string } | null {
  const c = config as { url?: string; host?: string };
  if (kind === 'email' && c.host) return { host: c.host, field: 'config.host' };
  // Kinds whose address has a default: the one a channel without its own connects to.
  const withDefault = { pagerduty: pagerdutyConfig, opsgenie: opsgenieConfig, ntfy: ntfyConfig, telegram: telegramConfig }[kind];
  const defaulted = withDefault ? withDefault.safeParse(config) : null;
  if (defaulted) return defaulted.success ? { host: new URL(defaulted.data.url).hostname, field: 'config.url' } : null;
  if (c.url) return { host: new URL(c.url).hostname, field: 'config.url' };
  return null;
}

/** Why a channel may not be saved, by field, or null. Names that do not resolve now are left to delivery to report. */
export async function destinationProblem(kind: string, config: unknown, allow = channelAllowList()): Promise<{ path: string; message: string } | null> {
  const d = destinationOf(kind, config);
  if (!d) return null;
  try {
    await checkedAddresses(d.host, allow);
    return null;
  } catch (err) {
    return err instanceof RefusedDestination ? { path: d.field, message: err.message } : null;
  }
}

export { failureText } from './outcome';
export { RefusedDestination } from './destination';
