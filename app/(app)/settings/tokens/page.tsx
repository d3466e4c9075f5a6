import type { Metadata } from 'next';
import { StateForm } from '@/components/ui/StateForm';
import { HostLimitForm } from '@/components/settings/HostLimitForm';
import { TokenForm } from '@/components/settings/TokenForm';
import { formatAgo } from '@/lib/format';
import { requirePageUser } from '@/lib/access';
import { db } from '@/lib/server/db/client';
import { listTokens } from '@/lib/access';
import { revokeTokenAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API tokens' };

export default async function TokensPage() {
  const me = await requirePageUser();
  const now = new Date();
  if (me.role !== 'admin') {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">API tokens are for admins.</p>
    );
  }
  const tokens = await listTokens(db());
  const td = 'px-3 py-1.5';
  return (
    <div className="space-y-6">
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Agents report with ingest tokens; scripts read the API with read tokens and change settings with admin tokens. A token is
        shown once when created; only its hash is kept. Revoking takes effect on the next request. An ingest token with a host
        limit enrols at most that many hosts (a host is enrolled by the token its first report came with); hosts it enrolled keep
        reporting when the limit is lowered.
      </p>
      <TokenForm />
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900">
        <table className="w-full text-sm">
          <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            <tr><th scope="col" className={td}>Name</th><th scope="col" className={td}>Scope</th><th scope="col" className={td}>Token</th><th scope="col" className={td}>Host</th><th scope="col" className={td}>Hosts enrolled</th>
              <th scope="col" className={td}>Created</th><th scope="col" className={td}>Last used</th><th scope="col" className={td}><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} className={`border-t border-slate-100 dark:border-slate-800 ${t.revokedAt ? 'text-slate-500 dark:text-slate-400 line-through dark:text-slate-400' : ''}`}>
                <td className={td}>{t.name}</td><td className={td}>{t.scope}</td>
                <td className={`${td} font-mono text-xs`}>{t.prefix}…</td><td className={td}>{t.hostName ?? 'any'}</td>
                <td className={`${td} no-underline`}>{t.scope === 'ingest'
                  ? <HostLimitForm id={t.id} name={t.name} enrolled={t.hostsEnrolled} maxHosts={t.maxHosts} revoked={t.revokedAt !== null} /> : '—'}</td>
                <td className={td}>{formatAgo(t.createdAt.toISOString(), now)}</td>
                <td className={td}>{t.lastUsedAt ? formatAgo(t.lastUsedAt.toISOString(), now) : 'never'}</td>
                <td className={td}>
                  {t.revokedAt ? <span className="no-underline">revoked</span> : (
                    <StateForm action={revokeTokenAction} className="flex items-center gap-2">
                      <input type="hidden" name="id" value={t.id} />
                      <button className="rounded px-2 py-1 text-xs text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950" aria-label={`Revoke token ${t.name}`}>Revoke</button>
                    </StateForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
