'use client';
import Link from 'next/link';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="py-16 text-center" role="alert">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">{error.digest ? `Reference ${error.digest}. ` : ''}The server log has the details.</p>
      <div className="mt-4 flex justify-center gap-4">
        <button onClick={reset} className="rounded bg-slate-900 px-3 py-1.5 text-white dark:bg-slate-100 dark:text-slate-900">Try again</button>
        <Link href="/" className="px-3 py-1.5 text-blue-700 underline dark:text-blue-300">Back to the fleet</Link>
      </div>
    </div>
  );
}
