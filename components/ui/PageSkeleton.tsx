export function PageSkeleton() {
  return (
    <div className="animate-pulse space-y-4" aria-busy="true" aria-label="Loading">
      <div className="h-8 w-48 rounded bg-slate-200 dark:bg-slate-800" />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => <div key={i} className="h-20 rounded bg-slate-200 dark:bg-slate-800" />)}
      </div>
      <div className="h-64 rounded bg-slate-200 dark:bg-slate-800" />
    </div>
  );
}
