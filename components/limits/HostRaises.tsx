import Link from 'next/link';
import { formatCount } from '@/lib/format';
import type { LimitsView } from '@/lib/views';
import { card, emptyNote } from '../ui/styles';

const pre = 'overflow-x-auto rounded bg-slate-900 p-2 font-mono text-xs text-slate-100 dark:bg-black';

/** The hosts whose own peak came near a limit: what to raise it to, and the files that do it. */
export function HostRaises({ raises, peakDays }: Pick<LimitsView, 'raises' | 'peakDays'>) {
  if (raises.length === 0) return <p className={emptyNote}>No host's peak of the last {peakDays} days came within half of a limit.</p>;
  return (
    <div className="space-y-3">
      {raises.map((h) => (
        <section key={h.id} className={`${card} space-y-2 p-3`} data-testid="host-raise">
          <h3 className="font-medium"><Link href={`/hosts/${h.id}`} className="hover:underline">{h.name}</Link></h3>
          <ul className="text-sm">
            {h.raises.map((r) => (
              <li key={`${r.setting}${r.unit ?? ''}`}>
                <span className="font-mono">{r.setting}</span>{r.unit && <> of <span className="font-mono">{r.unit}</span></>}:{' '}
                {r.now === null ? 'unlimited' : formatCount(r.now)} → <b className="tabular-nums">{formatCount(r.to)}</b>
                <span className="text-slate-500 dark:text-slate-400"> (peak {formatCount(r.peak)})</span>
              </li>
            ))}
          </ul>
          {h.sysctl && <pre className={pre}>{h.sysctl}</pre>}
          {h.dropIns.map((d) => <pre key={d.path} className={pre}>{`# ${d.path}\n${d.text}`}</pre>)}
        </section>
      ))}
    </div>
  );
}
