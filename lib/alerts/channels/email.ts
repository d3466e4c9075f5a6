import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import type { z } from 'zod';
import { body, digestParts, digestSubject, shortLivedLine, subject, type AlertMessage } from '../message';
import type { emailConfig } from '../../protocol';
import { checkedAddresses, type AllowList } from './destination';

export function emailContent(messages: AlertMessage[]): { subject: string; text: string } {
  if (messages.length === 1) return { subject: subject(messages[0]!), text: body(messages[0]!).join('\n') + '\n' };
  const { alerts, shortLived } = digestParts(messages);
  const blocks = alerts.map((m) => [subject(m), ...body(m).map((l) => `  ${l}`)].join('\n'));
  if (shortLived.length > 0) blocks.push(shortLivedLine(shortLived, 50));
  return { subject: digestSubject(messages), text: blocks.join('\n\n') + '\n' };
}

/** SMTP with TLS or STARTTLS and optional auth, to a checked address of the relay; never returns the relay's own words. */
export async function sendEmail(cfg: z.infer<typeof emailConfig>, messages: AlertMessage[], deliveryId: string, allow: AllowList): Promise<string> {
  // Connect to the address that was checked, and verify the certificate for the name.
  const [address] = await checkedAddresses(cfg.host, allow);
  const transport = nodemailer.createTransport({
    host: address!.address,
    name: 'headroom',
    port: cfg.port,
    secure: cfg.security === 'tls',
    requireTLS: cfg.security === 'starttls',
    ignoreTLS: cfg.security === 'none',
    auth: cfg.user ? { user: cfg.user, pass: cfg.password ?? '' } : undefined,
    tls: { rejectUnauthorized: cfg.verifyCertificate, ...(isIP(cfg.host) ? {} : { servername: cfg.host }) },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    await transport.sendMail({
      from: cfg.from,
      to: cfg.to,
      ...emailContent(messages),
      headers: { 'X-Headroom-Delivery': deliveryId },
    });
    return 'SMTP accepted';
  } finally {
    transport.close();
  }
}
