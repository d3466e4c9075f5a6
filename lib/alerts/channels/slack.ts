import type { z } from 'zod';
import { body, digestSubject, subject, type AlertMessage } from '../message';
import type { slackConfig } from '../../protocol';
import type { AllowList } from './destination';
import { postJson } from './http';

const icon = (m: AlertMessage) => (m.event === 'resolved' ? ':white_check_mark:' : m.event === 'test' ? ':wave:' : m.severity === 'critical' ? ':red_circle:' : ':warning:');

/** Slack-compatible incoming webhook: mrkdwn text, one line per alert in a digest. */
export function slackText(messages: AlertMessage[]): string {
  if (messages.length === 1) {
    const m = messages[0]!;
    return `${icon(m)} *${subject(m)}*\n${body(m).join('\n')}`;
  }
  return [`*${digestSubject(messages)}*`, ...messages.map((m) => `${icon(m)} <${m.url}|${m.host.name}>: ${subject(m)}`)].join('\n');
}

export async function sendSlack(cfg: z.infer<typeof slackConfig>, messages: AlertMessage[], allow: AllowList): Promise<string> {
  return postJson(cfg.url, JSON.stringify({ text: slackText(messages) }), allow);
}
