// Chat services that take an incoming-webhook address (the address is the
// secret): Discord, Google Chat and Microsoft Teams' Workflows, each in the
// body its documentation gives. A digest is one post listing its alerts.
import { body, digestLines, digestSubject, subject, type AlertMessage } from '../message';
import type { AllowList } from './destination';
import { postJson } from './http';

export type ChatKind = 'discord' | 'googlechat' | 'teams';

const color = (m: AlertMessage) => (m.event === 'resolved' || m.event === 'test' ? 0x16a34a : m.severity === 'critical' ? 0xdc2626 : 0xd97706);
// Markdown a sender's host or process name could carry is shown as typed.
const discordEscape = (s: string) => s.replace(/([\\*_~`|>#[\]()@])/g, '\\$1');

/** Discord webhook (discord.com/developers/docs/resources/webhook): an embed, no mentions parsed. */
function discordBody(messages: AlertMessage[]): object {
  const one = messages.length === 1 ? messages[0]! : null;
  const embed = one
    ? { title: subject(one).slice(0, 256), description: body(one).map(discordEscape).join('\n').slice(0, 4096), url: one.url, color: color(one), timestamp: one.at }
    : { title: digestSubject(messages).slice(0, 256), description: digestLines(messages).map(discordEscape).join('\n').slice(0, 4096), color: 0xdc2626 };
  return { username: 'Headroom', embeds: [embed], allowed_mentions: { parse: [] } };
}

/** Google Chat incoming webhook (developers.google.com/workspace/chat/quickstart/webhooks): text, *bold* for the title. */
function googleChatBody(messages: AlertMessage[]): object {
  const one = messages.length === 1 ? messages[0]! : null;
  return { text: one ? `*${subject(one)}*\n${body(one).join('\n')}` : `*${digestSubject(messages)}*\n${digestLines(messages).join('\n')}` };
}

/** Teams Workflows "post to a channel when a webhook request is received": a message with an Adaptive Card. */
function teamsBody(messages: AlertMessage[]): object {
  const one = messages.length === 1 ? messages[0]! : null;
  const title = one ? subject(one) : digestSubject(messages);
  const lines = one ? body(one) : digestLines(messages);
  const style = one ? (one.event === 'resolved' || one.event === 'test' ? 'good' : one.severity === 'critical' ? 'attention' : 'warning') : 'attention';
  return {
    type: 'message',
    attachments: [{
      contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null,
      content: {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4',
        body: [{ type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true, color: style },
          ...lines.map((text) => ({ type: 'TextBlock', text, wrap: true, spacing: 'Small' }))],
        ...(one ? { actions: [{ type: 'Action.OpenUrl', title: 'Open in Headroom', url: one.url }] } : {}),
      },
    }],
  };
}

export const chatBody: Record<ChatKind, (messages: AlertMessage[]) => object> = { discord: discordBody, googlechat: googleChatBody, teams: teamsBody };

export function sendChat(kind: ChatKind, cfg: { url: string }, messages: AlertMessage[], allow: AllowList): Promise<string> {
  return postJson(cfg.url, JSON.stringify(chatBody[kind](messages)), allow);
}
