import type { Advice } from '@/lib/risk';

export function HostAdvice({ advice }: { advice: Advice[] }) {
  return (
    <section className="space-y-2" aria-labelledby="advice">
      <h2 id="advice" className="text-lg font-semibold">What to raise on this host</h2>
      {advice.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Nothing: every limit kept at least half its room over this range.</p>
      ) : (
        <ul className="space-y-2">
          {advice.map((a) => (
            <li key={a.title} className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950/40">
              <div className="font-medium">{a.title}</div>
              <p className="mt-0.5 text-slate-700 dark:text-slate-300">{a.why}</p>
              <pre className="mt-2 overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100">{a.commands.join('\n')}</pre>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
