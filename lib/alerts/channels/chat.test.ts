// Discord, Google Chat and Teams (Workflows) through the whole path to local
// receivers, each body held to what the service documents it takes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ingestReport } from '../../ingest';
import { atOnce, rulesFireAtOnce } from '../../testing/alerting';
import { dbKinds, openTestDatabase, type TestDatabase } from '../../testing/databases';
import { testPrincipal as principal } from '../../testing/principal';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/receivers';
import { makeReport } from '../../testing/report-factory';
import { createChannel } from '../channel-store';
import { deliverNotifications } from '../deliver-notifications';
import { evaluateAlerts } from '../evaluate-alerts';

type Body = Record<string, unknown>;
const kinds = ['discord', 'googlechat', 'teams'] as const;

/** Discord's webhook limits: embeds ≤ 10, title ≤ 256, description ≤ 4096, a colour as an integer. */
function discordProblems(b: Body): string[] {
  const embeds = b.embeds as Body[] | undefined;
  if (!Array.isArray(embeds) || embeds.length === 0 || embeds.length > 10) return ['embeds'];
  return embeds.flatMap((e) => [
    ...(typeof e.title === 'string' && e.title.length <= 256 ? [] : ['title']),
    ...(typeof e.description === 'string' && e.description.length <= 4096 ? [] : ['description']),
    ...(Number.isInteger(e.color) ? [] : ['color']),
  ]);
}
/** Google Chat takes a message with text. */
const googleChatProblems = (b: Body) => (typeof b.text === 'string' && b.text.length > 0 && b.text.length <= 32_000 ? [] : ['text']);
/** A Workflows webhook takes a message whose attachment is an Adaptive Card. */
function teamsProblems(b: Body): string[] {
  const a = (b.attachments as Body[] | undefined)?.[0];
  const card = a?.content as Body | undefined;
  if (b.type !== 'message' || a?.contentType !== 'application/vnd.microsoft.card.adaptive') return ['attachment'];
  if (card?.type !== 'AdaptiveCard' || typeof card.version !== 'string') return ['card'];
  return (card.body as Body[]).every((x) => x.type === 'TextBlock' && typeof x.text === 'string') ? [] : ['body'];
}
const problems = { discord: discordProblems, googlechat: googleChatProblems, teams: teamsProblems };
const title = {
  discord: (b: Body) => (b.embeds as Body[])[0]!.title,
  googlechat: (b: Body) => String(b.text).split('\n')[0]!.replace(/^\*(.*)\*$/, '$1'),
  teams: (b: Body) => (((b.attachments as Body[])[0]!.content as Body).body as Body[])[0]!.text,
};

describe.each(dbKinds)('chat channels on %s', (kind) => {
  let t: TestDatabase;
  const receivers = {} as Record<(typeof kinds)[number], WebhookReceiver>;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await rulesFireAtOnce(t.db);
    for (const k of kinds) {
      receivers[k] = await startWebhookReceiver();
      await createChannel(t.db, { kind: k, name: k, enabled: true, config: { url: receivers[k].url } });
    }
  });
  afterAll(async () => {
    await Promise.all(kinds.map((k) => receivers[k].close()));
    await t.close();
  });
  afterEach(() => { for (const k of kinds) receivers[k].received.length = 0; });

  it('posts the firing and the resolved alert to each, in the body each service takes', async () => {
    for (const instances of [118, 60]) {
      await ingestReport(t.db, principal, makeReport({ hostName: 'chat-ramp', instances, instanceLimit: 128 }));
      await evaluateAlerts(t.db, atOnce);
      await deliverNotifications(t.db);
    }
    for (const k of kinds) {
      const bodies = receivers[k].received.map((r) => r.json as Body);
      expect(bodies.map(problems[k]), k).toEqual([[], []]);
      expect(bodies.map(title[k]), k).toEqual([
        '[CRITICAL] chat-ramp: inotify instances of uid 0 (root): 118 of 128 (92 %)',
        '[RESOLVED] chat-ramp: inotify instances of uid 0 (root): 60 of 128 (46 %), back to normal',
      ]);
    }
    // Discord parses no mention a host name could carry; Teams links to the host page.
    expect((receivers.discord.received[0]!.json as Body).allowed_mentions).toEqual({ parse: [] });
    const card = ((receivers.teams.received[0]!.json as { attachments: { content: { actions: { url: string }[] } }[] }).attachments[0]!.content);
    expect(card.actions[0]!.url).toMatch(/^http:\/\/headroom\.test\/hosts\//);
  });
});
