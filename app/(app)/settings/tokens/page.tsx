import type { Metadata } from 'next';
import { TokenForm } from '@/components/settings/TokenForm';
import { TokenTable } from '@/components/settings/TokenTable';
import { requirePageUser } from '@/lib/access';
import { tokensPage } from '@/lib/views';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API tokens' };

export default async function TokensPage() {
  const { tokens, now } = await tokensPage(await requirePageUser());
  if (!tokens) return <p className="text-sm text-slate-600 dark:text-slate-400">API tokens are for admins.</p>;
  return (
    <div className="space-y-6">
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Agents report with ingest tokens; scripts read the API with read tokens and change settings with admin tokens. A token is
        shown once when created; only its hash is kept. Revoking takes effect on the next request. An ingest token with a host
        limit enrols at most that many hosts (a host is enrolled by the token its first report came with); hosts it enrolled keep reporting when the limit is lowered.
        Agent labels: <em>any</em> keeps what agents send, but no silence matches those labels (anyone with the token could
        send them); <em>none</em> drops them; a list (<code>ci, region=*</code>) keeps only those, and silences match them.
      </p>
      <TokenForm />
      <TokenTable tokens={tokens} now={now} />
    </div>
  );
}
