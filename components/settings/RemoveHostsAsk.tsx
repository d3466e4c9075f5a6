import { removalWindows } from '@/lib/views';
import { inlineButton, smallField } from '../ui/styles';

/** Asks the page which of a token's hosts to list for removal: a plain GET, so the list is read by the page, never sent by the browser. */
export function RemoveHostsAsk({ id, name }: { id: string; name: string }) {
  return (
    <form method="get" action="/settings/tokens" className="flex items-center gap-1 text-xs" aria-label={`Remove hosts of ${name}`}>
      <input type="hidden" name="remove" value={id} />
      <select name="within" defaultValue="3600" aria-label={`Which hosts of ${name} to remove`} className={smallField}>
        {removalWindows.map((w) => <option key={w.seconds} value={w.seconds}>enrolled {w.label}</option>)}
      </select>
      <button className={inlineButton}>Remove hosts…</button>
    </form>
  );
}
