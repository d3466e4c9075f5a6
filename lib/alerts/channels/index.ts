import type { AlertMessage } from '../message';
import { emailConfig, slackConfig, webhookConfig } from '../../protocol';
import { sendEmail } from './email';
import { sendSlack } from './slack';
import { sendWebhook } from './webhook';

/** Sends messages (one, or a digest) through a channel; throws when the receiver did not take them. */
export async function sendThrough(kind: string, config: unknown, messages: AlertMessage[], deliveryId: string): Promise<string> {
  switch (kind) {
    case 'webhook': return sendWebhook(webhookConfig.parse(config), messages, deliveryId);
    case 'slack': return sendSlack(slackConfig.parse(config), messages);
    case 'email': return sendEmail(emailConfig.parse(config), messages, deliveryId);
    default: throw new Error(`unknown channel kind ${kind}`);
  }
}
