import { disableUserAction, enableUserAction, resetPasswordAction } from '@/app/(app)/settings/users/actions';
import { StateForm } from '../ui/StateForm';
import { smallField } from '../ui/styles';

const small = 'rounded bg-slate-200 px-2 py-0.5 text-xs dark:bg-slate-700';

/** An admin's buttons on a user's row: a new password and disable, not for oneself (the own password form is above); enable. */
export function UserActions({ user: u, me }: { user: { id: string; name: string; disabledAt: Date | null }; me: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      {u.id !== me && <StateForm action={resetPasswordAction} className="flex items-center gap-1" label={`New password for ${u.name}`}>
        <input type="hidden" name="id" value={u.id} />
        <input name="password" type="password" required minLength={12} autoComplete="new-password" placeholder="new password" aria-label={`New password for ${u.name}`} className={`${smallField} w-32 text-xs`} />
        <button className={small}>Set</button>
      </StateForm>}
      {u.disabledAt ? (
        <StateForm action={enableUserAction}><input type="hidden" name="id" value={u.id} />
          <button className={small} aria-label={`Enable ${u.name}`}>Enable</button></StateForm>
      ) : u.id !== me && (
        <StateForm action={disableUserAction}><input type="hidden" name="id" value={u.id} />
          <button className="rounded px-2 py-0.5 text-xs text-red-700 hover:bg-red-50 dark:text-red-300" aria-label={`Disable ${u.name}`}>Disable</button></StateForm>
      )}
    </div>
  );
}
