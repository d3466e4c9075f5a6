import { formatBytes } from '@/lib/format';
import type { DataView } from '@/lib/views';

/** Rows and bytes on disk per table, so an operator sees what retention buys. */
export function StorageTable({ tables }: Pick<DataView, 'tables'>) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-[28rem] text-sm">
        <caption className="py-2 text-left font-medium">Storage</caption>
        <thead><tr className="text-left text-xs text-slate-500 dark:text-slate-400"><th className="pr-6 font-normal">Table</th><th className="pr-6 text-right font-normal">Rows (about)</th><th className="text-right font-normal">On disk</th></tr></thead>
        <tbody>
          {tables.map((s) => (
            <tr key={s.table} className="border-t border-slate-200 dark:border-slate-700">
              <td className="py-1 pr-6">{s.label}</td>
              <td className="py-1 pr-6 text-right tabular-nums">{s.rows.toLocaleString('en-US')}</td>
              <td className="py-1 text-right tabular-nums">{formatBytes(s.bytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
