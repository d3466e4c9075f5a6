// Real receivers for notification tests: an HTTP webhook endpoint and an SMTP
// server with STARTTLS and AUTH, both recording exactly what arrived.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received { path: string; headers: http.IncomingHttpHeaders; body: string; json: unknown; at: number }

export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** Answer this status to the next n requests (the receiver "is down"), then 200 again. */
  failNext(n: number, status?: number): void;
  /** Hold every request open without answering until released. */
  hang(on: boolean): void;
  /** Answer each request this long after it arrived (a slow receiver). */
  delay(ms: number): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  const received: Received[] = [];
  let failing = 0;
  let failStatus = 503;
  let hanging = false;
  let delayMs = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => setTimeout(answer, delayMs));
    const answer = () => {
      if (hanging) return; // never answers
      if (failing > 0) {
        failing--;
        res.writeHead(failStatus).end('receiver down');
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try { json = JSON.parse(body); } catch { /* not JSON */ }
      received.push({ path: req.url ?? '', headers: req.headers, body, json, at: Date.now() });
      res.writeHead(200).end('ok');
    };
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    failNext(n, status = 503) { failing = n; failStatus = status; },
    hang(on) { hanging = on; },
    delay(ms) { delayMs = ms; },
    close: () => { server.closeAllConnections(); return new Promise((r) => server.close(() => r())); },
  };
}

export interface Mail { from: string; to: string[]; subject: string; text: string; user: string | undefined; secure: boolean }

export async function startSmtpReceiver(auth = { user: 'alerts', pass: 'correct horse' }): Promise<{ port: number; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  // smtp-server ships a self-signed certificate: STARTTLS works, verification must be off in the client.
  const server = new SMTPServer({
    authOptional: false,
    onAuth(a, _session, cb) {
      if (a.username === auth.user && a.password === auth.pass) cb(null, { user: a.username });
      else cb(new Error('invalid credentials'));
    },
    onData(stream, session, cb) {
      simpleParser(stream).then((parsed) => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          user: session.user as string | undefined,
          secure: session.secure,
        });
        cb();
      }, cb);
    },
    logger: false,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, mails, close: () => new Promise((r) => server.close(() => r())) };
}

export type SmtpReceiver = Awaited<ReturnType<typeof startSmtpReceiver>>;

export interface ChannelReceivers {
  hook: WebhookReceiver;
  slack: WebhookReceiver;
  smtp: SmtpReceiver;
  /** Forget what arrived (between tests). */
  clear(): void;
  close(): Promise<void>;
}

/** A receiver for each kind of channel: a webhook, a Slack-format webhook and an SMTP server (user alerts, password "correct horse"). */
export async function startChannelReceivers(): Promise<ChannelReceivers> {
  const [hook, slack, smtp] = await Promise.all([startWebhookReceiver(), startWebhookReceiver(), startSmtpReceiver()]);
  return {
    hook, slack, smtp,
    clear() {
      hook.received.length = 0;
      slack.received.length = 0;
      smtp.mails.length = 0;
    },
    close: async () => { await Promise.all([hook.close(), slack.close(), smtp.close()]); },
  };
}
