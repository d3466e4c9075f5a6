import Link from 'next/link';
import { removeEnrolledAction } from '@/app/(app)/settings/tokens/actions';
import type { RemovalPreview } from '@/lib/views';
import { StateForm } from '../ui/StateForm';
import { card, secondaryButton } from '../ui/styles';

/** The hosts a token enrolled in a window, read when the page was: removing takes exactly that window, so later arrivals stay. */
export function RemoveHostsPanel({ removal }: { removal: RemovalPreview }) {
  const { token, count, hosts, after, before, window } = removal;
  const more = count - hosts.length;
  return (
    <section className={`${card} space-y-2 border-red-300 p-3 text-sm dark:border-red-800`} aria-label={`Remove hosts of ${token.name}`}>
      <h2 className="font-medium">Remove the hosts token “{token.name}” enrolled {window}</h2>
      {count === 0 ? <p>None: it enrolled no host {window}.</p> : (
        <>
          <p>
            {count} host{count === 1 ? '' : 's'}, with all their history and alerts: {hosts.map((h) => h.name).join(', ')}
            {more > 0 ? ` and ${more} more` : ''}. Revoke the token too, or its agents enrol them again.
          </p>
          <StateForm action={removeEnrolledAction} className="flex flex-wrap items-center gap-2">
            <input type="hidden" name="from" value={token.id} />
            <input type="hidden" name="after" value={after?.toISOString() ?? ''} />
            <input type="hidden" name="before" value={before.toISOString()} />
            <button className="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 dark:bg-red-600">
              Remove {count} host{count === 1 ? '' : 's'}
            </button>
            <Link href="/settings/tokens" className={secondaryButton}>Cancel</Link>
          </StateForm>
        </>
      )}
    </section>
  );
}
