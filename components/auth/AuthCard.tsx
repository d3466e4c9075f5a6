import { card } from '../ui/styles';

export function AuthCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className={`${card} w-full max-w-sm space-y-4 p-6 shadow-sm`}>
        <div className="text-lg font-bold tracking-tight">Headroom</div>
        <h1 className="text-xl font-semibold">{title}</h1>
        {children}
      </div>
    </main>
  );
}

export const authField = 'w-full rounded border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-800';
