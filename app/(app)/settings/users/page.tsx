import type { Metadata } from 'next';
import { StateForm } from '@/components/ui/StateForm';
import { UserForm } from '@/components/settings/UserForm';
import { formatAgo } from '@/lib/format';
import { listAudit } from '@/lib/server/audit';
import { requirePageUser } from '@/lib/access';
import { db } from '@/lib/server/db/client';
import { listUsers } from '@/lib/access';
import { signOutEverywhereAction } from '../../session-actions';
import { disableUserAction, setRoleAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Users' };

const td = 'px-3 py-1.5';

export default async function UsersPage() {
  const me = await requirePageUser();
  const now = new Date();
  const admin = me.role === 'admin';
  const [users, events] = admin ? await Promise.all([listUsers(db()), listAudit(db(), 100)]) : [[], []];
  return (
    <div className="space-y-6">
      <form action={signOutEverywhereAction}>
        <button className="rounded bg-slate-200 px-3 py-1.5 text-sm dark:bg-slate-700">Sign me out everywhere</button>
      </form>
      {!admin ? <p className="text-sm text-slate-600 dark:text-slate-400">Users and the audit log are for admins.</p> : (
        <>
          <UserForm />
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900">
            <table className="w-full text-sm">
              <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                <tr><th scope="col" className={td}>Name</th><th scope="col" className={td}>Role</th><th scope="col" className={td}>Since</th><th scope="col" className={td}><span className="sr-only">Actions</span></th></tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.id} className="border-t border-slate-100 dark:border-slate-800">
                    <td className={td}>{u.name}{u.disabledAt && ' (disabled)'}</td>
                    <td className={td}>
                      <StateForm action={setRoleAction} className="flex items-center gap-1">
                        <input type="hidden" name="id" value={u.id} />
                        <label className="sr-only" htmlFor={`role-${u.id}`}>Role of {u.name}</label>
                        <select id={`role-${u.id}`} name="role" defaultValue={u.role} className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-800">
                          <option value="viewer">viewer</option><option value="editor">editor</option><option value="admin">admin</option>
                        </select>
                        <button className="rounded bg-slate-200 px-2 py-0.5 text-xs dark:bg-slate-700">Set</button>
                      </StateForm>
                    </td>
                    <td className={td}>{formatAgo(u.createdAt.toISOString(), now)}</td>
                    <td className={td}>{!u.disabledAt && u.id !== me.id && (
                      <StateForm action={disableUserAction} className="flex items-center gap-2"><input type="hidden" name="id" value={u.id} />
                        <button className="rounded px-2 py-0.5 text-xs text-red-700 hover:bg-red-50 dark:text-red-300" aria-label={`Disable ${u.name}`}>Disable</button></StateForm>
                    )}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <section className="space-y-2">
            <h2 className="text-lg font-semibold">Audit log</h2>
            <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-700 dark:bg-slate-900">
              {events.length === 0 && <li className="px-3 py-2 text-slate-500 dark:text-slate-400">Nothing yet.</li>}
              {events.map((e) => (
                <li key={e.id} className="flex flex-wrap gap-3 px-3 py-1.5">
                  <span className="w-24 text-slate-500 dark:text-slate-400">{formatAgo(e.at.toISOString(), now)}</span>
                  <span className="font-medium">{e.actor}</span><span>{e.action}</span><span className="font-mono text-xs">{e.target}</span>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
