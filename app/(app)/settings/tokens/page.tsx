import type { Metadata } from 'next';
import { RemoveHostsPanel } from '@/components/settings/RemoveHostsPanel';
import { TokenForm } from '@/components/settings/TokenForm';
import { TokenTable } from '@/components/settings/TokenTable';
import { requirePageUser } from '@/lib/access';
import { tokensPage } from '@/lib/views';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API tokens' };

export default async function TokensPage({ searchParams }: { searchParams: Promise<{ remove?: string | string[]; within?: string | string[] }> }) {
  const { tokens, now, defaultHostLimit, removal } = await tokensPage(await requirePageUser(), new Date(), await searchParams);
  if (!tokens) return <p className="text-sm text-slate-600 dark:text-slate-400">API tokens are for admins.</p>;
  return (
    <div className="space-y-6">
      <div className="max-w-3xl space-y-2 text-sm text-slate-600 dark:text-slate-400">
        <p>
          Agents report with ingest tokens; scripts read the API with read tokens and change settings with admin tokens.
          A token is shown once when created; only its hash is kept. Revoking takes effect on the next request.
        </p>
        <p>
          <strong className="font-medium">Host limit:</strong> an ingest token enrols at most that many hosts (a host is
          enrolled by the token its first report came with){defaultHostLimit === null ? '' : `; left blank, ${defaultHostLimit}`}.
          Hosts it enrolled keep reporting when the limit is lowered.
        </p>
        <p>
          <strong className="font-medium">Agent labels:</strong> <em>any</em> keeps what agents send, but no silence matches
          those labels (anyone with the token could send them); <em>none</em> drops them; a list (<code>ci, region=*</code>)
          keeps only those, and silences match them.
        </p>
      </div>
      {removal && <RemoveHostsPanel removal={removal} />}
      <TokenForm defaultHostLimit={defaultHostLimit} />
      <TokenTable tokens={tokens} now={now} />
    </div>
  );
}
