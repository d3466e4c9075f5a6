import type { Metadata } from 'next';
import { NewChannelForm } from '@/components/settings/ChannelForms';
import { ChannelList } from '@/components/settings/ChannelList';
import { DeliveryLog } from '@/components/settings/DeliveryLog';
import { AutoRefresh } from '@/components/ui/AutoRefresh';
import { LockedNote } from '@/components/ui/FormStatus';
import { requirePageUser } from '@/lib/access';
import { channelsPage } from '@/lib/views';
import { card } from '@/components/ui/styles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Notification channels' };

const kinds = { webhook: 'JSON webhook', slack: 'Slack, Mattermost or Rocket.Chat (incoming webhook)', email: 'E-mail (SMTP)', pagerduty: 'PagerDuty (Events API v2)', opsgenie: 'Opsgenie',
  teams: 'Microsoft Teams (Workflows)', discord: 'Discord', googlechat: 'Google Chat', ntfy: 'ntfy', telegram: 'Telegram', alertmanager: 'Prometheus Alertmanager (API v2)' } as const;

export default async function ChannelsPage() {
  const view = await channelsPage(await requirePageUser());
  return (
    <div className="space-y-6">
      <AutoRefresh seconds={10} />
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Channels</h2>
        <LockedNote reason={view.locked} />
        {view.channels.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No channel yet: alerts are recorded but nobody is told. Add one below.</p>}
        <ChannelList channels={view.channels} locked={view.locked} />
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Add a channel</h2>
        {(Object.keys(kinds) as (keyof typeof kinds)[]).map((k) => (
          <details key={k} className={card}>
            <summary className="cursor-pointer px-3 py-2 text-sm font-medium">{kinds[k]}</summary>
            <NewChannelForm kind={k} locked={view.locked} />
          </details>
        ))}
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Delivery log</h2>
        <DeliveryLog deliveries={view.deliveries} now={view.now} />
      </section>
    </div>
  );
}
