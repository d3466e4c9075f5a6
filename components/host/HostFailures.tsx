import type { HostView } from '@/lib/views';
import { failedBy, failedCall, failureAdvice } from '@/lib/risk';
import { tableCard, tableHead, tableRow } from '../ui/styles';

const cell = 'px-2 py-1.5';
const clock = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

/**
 * The calls that could not create a watcher or a file, as the kernel reported
 * them to the agent: who, what, how often and when, and which limit ran out.
 * With capture off, why, and where the docs say how to turn it on.
 */
export function HostFailures({ events, lines, total, dropped, capture, users }: HostView['failures']) {
  return (
    <section className="space-y-2" aria-labelledby="failures-heading" id="failures">
      <h2 id="failures-heading" className="text-lg font-semibold"><span id="failures-title">Failed calls</span>
        {total > 0 && <span className="ml-2 text-sm font-normal text-red-700 dark:text-red-300">{total.toLocaleString('en-US')} in this range</span>}</h2>
      {capture && !capture.on && (
        <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-700 dark:bg-amber-950/40" data-testid="capture-off">
          <strong className="font-medium">Failure capture off: {capture.reason ?? 'unknown'}.</strong> {capture.message ?? ''} Without it the
          figures above still warn before a limit is reached, but a failure between two reports goes unseen (docs/agent.md, &ldquo;Failure capture&rdquo;).
        </p>
      )}
      {!capture && events.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">This host&apos;s agent does not report failed calls (an older agent).</p>}
      {dropped > 0 && (
        <p className="text-sm text-amber-800 dark:text-amber-300">The kernel&apos;s trace buffer lost {dropped.toLocaleString('en-US')} event{dropped === 1 ? '' : 's'} before the agent read them: there were more failures than listed.</p>
      )}
      {events.length === 0 ? (capture?.on ? <p className="text-sm text-slate-600 dark:text-slate-400">None in this range: every watcher and file the host&apos;s programs asked for was created.</p> : null) : (
        <div className={tableCard}>
          <table className="w-full text-sm" aria-labelledby="failures-title">
            <thead className={tableHead}>
              <tr><th scope="col" className={cell}>Time (UTC)</th><th scope="col" className={cell}>Program</th><th scope="col" className={cell}>Call</th><th scope="col" className={cell}>Limit that ran out</th></tr>
            </thead>
            <tbody>
              {events.map((e, i) => (
                <tr key={i} className={tableRow} data-testid="failure-row">
                  <td className={`${cell} whitespace-nowrap tabular-nums`}>{clock(e.at)}</td>
                  <td className={cell}>{failedBy(e, e.uid === null ? null : users[e.uid])}</td>
                  <td className={`${cell} whitespace-nowrap font-mono text-xs`}>{failedCall(e)}</td>
                  <td className={`${cell} text-slate-700 dark:text-slate-300`}>{failureAdvice[e.dimension]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {lines > events.length && <p className="px-2 py-1.5 text-xs text-slate-500 dark:text-slate-400">The newest {events.length} of {lines} lines; narrow the range to see the others.</p>}
        </div>
      )}
    </section>
  );
}
