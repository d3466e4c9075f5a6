import { setRoleAction, unlockUserAction } from '@/app/(app)/settings/users/actions';
import { formatAgo } from '@/lib/format';
import type { UsersView } from '@/lib/views';
import { StateForm } from '../ui/StateForm';
import { smallField, tableCard, tableHead, tableRow } from '../ui/styles';
import { UserActions } from './UserActions';

const td = 'px-3 py-1.5';

/** Each user with a role picker, their failed sign-ins to unlock, a new password, and disable or enable (not for oneself). */
export function UserTable({ users, me, now, sso }: Pick<UsersView, 'users' | 'me' | 'now' | 'sso'>) {
  return (
    <div className={tableCard}>
      <table className="w-full text-sm">
        <thead className={tableHead}>
          <tr><th scope="col" className={td}>Name</th><th scope="col" className={td}>Role</th><th scope="col" className={td}>Since</th><th scope="col" className={td}>Failed sign-ins</th><th scope="col" className={td}><span className="sr-only">Actions</span></th></tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className={tableRow}>
              <td className={td}>{u.name}{u.disabledAt && ' (disabled)'}
                {u.sso && <span className="ml-1 text-xs text-slate-500 dark:text-slate-400" title="its role is set from the provider's groups at each sign-in">via {sso ?? 'single sign-on'}</span>}</td>
              <td className={td}>
                <StateForm action={setRoleAction} className="flex items-center gap-1">
                  <input type="hidden" name="id" value={u.id} />
                  <label className="sr-only" htmlFor={`role-${u.id}`}>Role of {u.name}</label>
                  <select id={`role-${u.id}`} name="role" defaultValue={u.role} className={smallField}>
                    <option value="viewer">viewer</option><option value="editor">editor</option><option value="admin">admin</option>
                  </select>
                  <button className="rounded bg-slate-200 px-2 py-0.5 text-xs dark:bg-slate-700">Set</button>
                </StateForm>
              </td>
              <td className={td}>{formatAgo(u.createdAt.toISOString(), now)}</td>
              <td className={td}>{u.failedSignIns === 0 ? 'none' : (
                <StateForm action={unlockUserAction} className="flex items-center gap-2"><input type="hidden" name="id" value={u.id} />
                  {u.failedSignIns} in 24 h<button className="rounded bg-slate-200 px-2 py-0.5 text-xs dark:bg-slate-700" aria-label={`Unlock ${u.name}`}>Unlock</button></StateForm>
              )}</td>
              <td className={td}><UserActions user={u} me={me} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
