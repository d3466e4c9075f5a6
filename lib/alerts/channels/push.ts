// Push to phones: ntfy (JSON publishing, docs.ntfy.sh/publish/#publish-as-json)
// and a Telegram bot (core.telegram.org/bots/api#sendmessage), plain text in both.
import type { z } from 'zod';
import type { ntfyConfig, telegramConfig } from '../../protocol';
import { body, digestLines, digestSubject, subject, type AlertMessage } from '../message';
import type { AllowList } from './destination';
import { postJson } from './http';

const lines = (messages: AlertMessage[]) => {
  if (messages.length === 1) return { title: subject(messages[0]!), text: body(messages[0]!).join('\n') };
  return { title: digestSubject(messages), text: digestLines(messages).join('\n') };
};
const worst = (messages: AlertMessage[]) => (messages.some((m) => m.event !== 'resolved' && m.event !== 'test' && m.severity === 'critical') ? 'critical'
  : messages.some((m) => m.event !== 'resolved' && m.event !== 'test') ? 'warning' : 'ok');

/** ntfy's JSON message: priority 5 for critical, 4 for warning, 3 for the rest; the host page on a click. */
export function ntfyMessage(topic: string, messages: AlertMessage[]): Record<string, unknown> {
  const { title, text } = lines(messages);
  const w = worst(messages);
  return {
    topic, title: title.slice(0, 250), message: text.slice(0, 4000),
    priority: w === 'critical' ? 5 : w === 'warning' ? 4 : 3,
    tags: [w === 'critical' ? 'rotating_light' : w === 'warning' ? 'warning' : 'white_check_mark', 'headroom'],
    ...(messages.length === 1 ? { click: messages[0]!.url } : {}),
  };
}

export function sendNtfy(cfg: z.infer<typeof ntfyConfig>, messages: AlertMessage[], allow: AllowList): Promise<string> {
  return postJson(cfg.url, JSON.stringify(ntfyMessage(cfg.topic, messages)), allow, cfg.token ? { authorization: `Bearer ${cfg.token}` } : {});
}

/** Telegram's sendMessage: plain text (no parse mode a name could break), no link preview. */
export function telegramMessage(chatId: string, messages: AlertMessage[]): Record<string, unknown> {
  const { title, text } = lines(messages);
  return { chat_id: chatId, text: `${title}\n\n${text}`.slice(0, 4096), disable_web_page_preview: true };
}

export function sendTelegram(cfg: z.infer<typeof telegramConfig>, messages: AlertMessage[], allow: AllowList): Promise<string> {
  return postJson(`${cfg.url.replace(/\/$/, '')}/bot${cfg.botToken}/sendMessage`, JSON.stringify(telegramMessage(cfg.chatId, messages)), allow);
}
