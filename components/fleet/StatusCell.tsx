'use client';
import { useEffect, useState } from 'react';
import type { Status } from '@/lib/protocol';
import { StatusBadge } from '../ui/StatusBadge';

// Statuses seen by this tab, across live refreshes of the page.
const seen = new Map<string, Status>();

/** A host's status, marked for a while when it changed since the page last refreshed. */
export function StatusCell({ id, status }: { id: string; status: Status }) {
  const [from, setFrom] = useState<Status | null>(null);
  useEffect(() => {
    const prev = seen.get(id);
    seen.set(id, status);
    if (!prev || prev === status) return;
    setFrom(prev);
    const t = setTimeout(() => setFrom(null), 60_000);
    return () => clearTimeout(t);
  }, [id, status]);
  return (
    <span className={`inline-flex flex-col items-start gap-0.5 rounded ${from ? 'ring-2 ring-blue-500 ring-offset-2 dark:ring-offset-slate-900' : ''}`} data-changed={from ?? undefined}>
      <StatusBadge status={status} />
      {from && <span className="text-xs font-medium text-blue-700 dark:text-blue-300">was {from}</span>}
    </span>
  );
}
