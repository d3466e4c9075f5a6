import { describe, expect, it } from 'vitest';
import { redact, redactUrl } from './channel';

describe('channel secrets for display', () => {
  it('shows only the origin of a webhook address, wherever its credential sits', () => {
    const cases: [string, string][] = [
      ['https://hooks.slack.com/services/T000/B000/XXXXXXXX', 'https://hooks.slack.com/••••••'],
      ['https://chat.example.com/hooks/xk3nd83hd7a', 'https://chat.example.com/••••••'], // Mattermost, Rocket.Chat
      ['https://example.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456', 'https://example.webhook.office.com/••••••'], // Teams
      ['https://discord.com/api/webhooks/1/token', 'https://discord.com/••••••'],
      ['https://chat.googleapis.com/v1/spaces/AAA/messages?key=k&token=t', 'https://chat.googleapis.com/••••••'],
      ['https://user:pass@receiver.internal:8443/', 'https://receiver.internal:8443'],
      ['https://receiver.internal', 'https://receiver.internal'],
      ['not a url', '••••••'],
      ['unreadable: sealed with a key this server does not have', '••••••'],
    ];
    for (const [url, shown] of cases) expect(redactUrl(url), url).toBe(shown);
  });

  it('masks secrets and passwords, and leaves the rest', () => {
    expect(redact({ url: 'https://r.example/x', secret: 's'.repeat(20) })).toEqual({ url: 'https://r.example/••••••', secret: '••••••' });
    expect(redact({ host: 'smtp.example', password: 'p', to: ['a@b.c'] })).toEqual({ host: 'smtp.example', password: '••••••', to: ['a@b.c'] });
  });
});
