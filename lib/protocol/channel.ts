import { z } from 'zod';
import { hostLabel } from './report';
import { templateProblem } from './webhook-template';

const httpUrl = z.url({ protocol: /^https?$/ });

export const webhookConfig = z.object({
  url: httpUrl,
  /** Signs each body: X-Headroom-Signature: sha256=HMAC(secret, timestamp + "." + body). */
  secret: z.string().min(16).max(200).optional(),
  /** A body of the receiver's own, one per alert: JSON with {{placeholders}} (webhook-template.ts); else Headroom's. */
  template: z.string().max(10_000).superRefine((t, ctx) => {
    const problem = templateProblem(t);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }).optional(),
});

export const slackConfig = z.object({ url: httpUrl });

/** PagerDuty Events API v2: the integration's routing key; the address only for a proxy or the EU service region. */
export const pagerdutyConfig = z.object({
  routingKey: z.string().trim().min(20).max(64).regex(/^[A-Za-z0-9]+$/, 'a routing key is letters and digits (the integration key of an Events API v2 integration)'),
  url: httpUrl.default('https://events.pagerduty.com/v2/enqueue'),
});

/** Opsgenie Alert API: an API integration's key; the address for the EU instance (https://api.eu.opsgenie.com) or a proxy. */
export const opsgenieConfig = z.object({
  apiKey: z.string().trim().regex(/^[0-9a-fA-F-]{32,40}$/, 'an Opsgenie API key looks like a UUID (an API integration\'s key)'),
  url: httpUrl.default('https://api.opsgenie.com'),
});

/** ntfy: the server (ntfy.sh or your own), the topic, and an access token where the topic is protected. */
export const ntfyConfig = z.object({
  url: httpUrl.default('https://ntfy.sh'),
  topic: z.string().trim().regex(/^[-_A-Za-z0-9]{1,64}$/, 'a topic is 1 to 64 letters, digits, - and _'),
  token: z.string().trim().min(1).max(200).optional(),
});

/** A Telegram bot's token (from @BotFather) and the chat it posts to; the address only for a local Bot API server. */
export const telegramConfig = z.object({
  botToken: z.string().trim().regex(/^\d+:[A-Za-z0-9_-]{30,}$/, 'a bot token looks like 123456:ABC-DEF… (from @BotFather)'),
  chatId: z.string().trim().regex(/^(-?\d{1,20}|@[A-Za-z0-9_]{5,32})$/, 'a chat id is a number (negative for groups) or @channelname'),
  url: httpUrl.default('https://api.telegram.org'),
});

/** A Prometheus Alertmanager (its base address, e.g. http://alertmanager:9093), and a bearer token where a proxy asks for one. */
export const alertmanagerConfig = z.object({
  url: httpUrl,
  token: z.string().trim().min(1).max(500).optional(),
});

export const emailConfig = z.object({
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535).default(587),
  /** tls: TLS from the first byte (port 465); starttls: upgrade required; none: plain (local relays only). */
  security: z.enum(['tls', 'starttls', 'none']).default('starttls'),
  user: z.string().max(200).optional(),
  password: z.string().max(500).optional(),
  from: z.string().min(3).max(200),
  to: z.array(z.email()).min(1).max(50),
  /** Off only for a relay with a self-signed certificate you trust. */
  verifyCertificate: z.boolean().default(true),
});

// Strict as input (a misspelt "secert" is an error, not a webhook left unsigned);
// stored configs are read back with the plain schemas above.
/** Which alerts a channel carries: all from warning up, or critical only (and the ends of them); of every host, or of hosts with one of these labels. */
export const channelRoute = z.strictObject({
  minSeverity: z.enum(['warning', 'critical']).default('warning'),
  labels: z.array(hostLabel).max(20).default([]),
});
export type ChannelRoute = z.infer<typeof channelRoute>;

const kindOf = <K extends string, C extends z.ZodObject>(kind: K, config: C) => z.strictObject({
  kind: z.literal(kind), name: z.string().trim().min(1).max(100), config: config.strict(), enabled: z.boolean().default(true), route: channelRoute.optional(),
});

export const channelInput = z.discriminatedUnion('kind', [
  kindOf('webhook', webhookConfig), kindOf('slack', slackConfig), kindOf('email', emailConfig),
  kindOf('pagerduty', pagerdutyConfig), kindOf('opsgenie', opsgenieConfig), kindOf('ntfy', ntfyConfig), kindOf('telegram', telegramConfig),
  kindOf('alertmanager', alertmanagerConfig),
  // Incoming-webhook chat services: the address alone, as Slack's.
  kindOf('discord', slackConfig), kindOf('googlechat', slackConfig), kindOf('teams', slackConfig),
]);
export type ChannelInput = z.infer<typeof channelInput>;
export type ChannelKind = ChannelInput['kind'];

/** What is secret in each kind's config: sealed at rest (lib/alerts/channels/config.ts), masked for display. */
export const secretFields = { webhook: ['url', 'secret'], slack: ['url'], email: ['password'], pagerduty: ['routingKey'], opsgenie: ['apiKey'], discord: ['url'], googlechat: ['url'], teams: ['url'], ntfy: ['topic', 'token'], telegram: ['botToken'], alertmanager: ['url', 'token'] } as const satisfies Record<ChannelKind, readonly string[]>;

const MASK = '••••••';

/**
 * A webhook address as anyone may see it: the receiver's origin only. Slack,
 * Mattermost, Teams, Discord and Google Chat put the credential in the path
 * or the query, and many others a token; the address is the secret.
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.origin === 'null') return MASK; // not http(s): nothing to show of it
    return u.pathname === '/' && !u.search ? u.origin : `${u.origin}/${MASK}`;
  } catch {
    return MASK;
  }
}

/** A channel's config for display: secrets replaced by a mark. */
export function redact(config: Record<string, unknown>): Record<string, unknown> {
  const out = { ...config };
  // An ntfy topic is as good as a password on a public server.
  for (const k of ['secret', 'password', 'routingKey', 'apiKey', 'token', 'botToken', 'topic']) if (out[k]) out[k] = MASK;
  if (typeof out.url === 'string') out.url = redactUrl(out.url);
  return out;
}
