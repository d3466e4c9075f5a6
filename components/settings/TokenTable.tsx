import { revokeTokenAction } from '@/app/(app)/settings/tokens/actions';
import { describePolicy } from '@/lib/access';
import { formatAgo, formatExpiry } from '@/lib/format';
import type { TokenRow } from '@/lib/views';
import { StateForm } from '../ui/StateForm';
import { dangerButton, tableCard, tableHead, tableRow } from '../ui/styles';
import { AgentLabelsForm } from './AgentLabelsForm';
import { HostLimitForm } from './HostLimitForm';
import { RemoveHostsAsk } from './RemoveHostsAsk';

const td = 'px-3 py-1.5';

/** Each token: its scope, prefix, host, enrolment limit, agent labels, creator, expiry and use, why it is refused, and a button to revoke it. */
export function TokenTable({ tokens, now }: { tokens: TokenRow[]; now: Date }) {
  return (
    <div className={tableCard}>
      <table className="w-full text-sm">
        <thead className={tableHead}>
          <tr><th scope="col" className={td}>Name</th><th scope="col" className={td}>Scope</th><th scope="col" className={td}>Token</th><th scope="col" className={td}>Host</th><th scope="col" className={td}>Hosts enrolled</th><th scope="col" className={td}>Agent labels</th>
            <th scope="col" className={td}>Created</th><th scope="col" className={td}>Expires</th><th scope="col" className={td}>Last used</th><th scope="col" className={td}><span className="sr-only">Actions</span></th></tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id} className={`${tableRow} ${t.revokedAt ? 'text-slate-500 dark:text-slate-400 line-through dark:text-slate-400' : ''}`}>
              <td className={td}>{t.name}</td><td className={td}>{t.scope}</td>
              <td className={`${td} font-mono text-xs`}>{t.prefix}…</td><td className={td}>{t.hostName ?? 'any'}</td>
              <td className={`${td} no-underline`}>{t.scope === 'ingest' ? (
                <div className="space-y-1">
                  <HostLimitForm id={t.id} name={t.name} enrolled={t.hostsEnrolled} maxHosts={t.maxHosts} revoked={t.revokedAt !== null} />
                  {t.hostsEnrolled > 0 && <RemoveHostsAsk id={t.id} name={t.name} />}
                </div>) : '—'}</td>
              <td className={`${td} no-underline`}>{t.scope === 'ingest'
                ? <AgentLabelsForm id={t.id} name={t.name} policy={describePolicy(t.agentLabels)} revoked={t.revokedAt !== null} /> : '—'}</td>
              <td className={td}>{formatAgo(t.createdAt.toISOString(), now)}{t.createdBy ? ` by ${t.createdBy.name}` : ''}</td>
              <td className={td}>{formatExpiry(t.expiresAt?.toISOString() ?? null, now)}</td>
              <td className={td}>{t.lastUsedAt ? formatAgo(t.lastUsedAt.toISOString(), now) : 'never'}</td>
              <td className={td}>
                {t.revokedAt ? <span className="no-underline">revoked</span> : (
                  <StateForm action={revokeTokenAction} className="flex items-center gap-2">
                    <input type="hidden" name="id" value={t.id} />
                    {t.refused && <span className="text-xs text-amber-700 dark:text-amber-300">refused: {t.refused}</span>}
                    <button className={dangerButton} aria-label={`Revoke token ${t.name}`}>Revoke</button>
                  </StateForm>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
