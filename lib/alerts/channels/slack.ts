import type { z } from 'zod';
import { printable } from '../../protocol';
import { body, digestParts, digestSubject, shortLivedLine, subject, type AlertMessage } from '../message';
import type { slackConfig } from '../../protocol';
import type { AllowList } from './destination';
import { postJson } from './http';

const icon = (m: AlertMessage) => (m.event === 'resolved' ? ':white_check_mark:' : m.event === 'test' ? ':wave:' : m.severity === 'critical' ? ':red_circle:' : ':warning:');

/** Text as Slack's mrkdwn shows it literally: no <!channel> mention, no <url|link> of the sender's making. */
export const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Slack-compatible incoming webhook: mrkdwn text, one line per alert in a digest. */
export function slackText(messages: AlertMessage[]): string {
  if (messages.length === 1) {
    const m = messages[0]!;
    return `${icon(m)} *${slackEscape(subject(m))}*\n${body(m).map(slackEscape).join('\n')}`;
  }
  const link = (m: AlertMessage) => `<${slackEscape(m.url).replace(/\|/g, '%7C')}|${slackEscape(printable(m.host.name))}>`;
  const { alerts, shortLived } = digestParts(messages);
  return [`*${slackEscape(digestSubject(messages))}*`, ...alerts.map((m) => `${icon(m)} ${link(m)}: ${slackEscape(subject(m))}`),
    ...(shortLived.length > 0 ? [`:ghost: ${slackEscape(shortLivedLine(shortLived))}`] : [])].join('\n');
}

export async function sendSlack(cfg: z.infer<typeof slackConfig>, messages: AlertMessage[], allow: AllowList): Promise<string> {
  return postJson(cfg.url, JSON.stringify({ text: slackText(messages) }), allow);
}
