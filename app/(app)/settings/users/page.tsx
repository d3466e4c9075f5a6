import type { Metadata } from 'next';
import { AuditLog } from '@/components/settings/AuditLog';
import { PasswordForm } from '@/components/settings/PasswordForm';
import { UserForm } from '@/components/settings/UserForm';
import { UserTable } from '@/components/settings/UserTable';
import { requirePageUser } from '@/lib/access';
import { usersPage } from '@/lib/views';
import { signOutEverywhereAction } from '../../session-actions';
import { secondaryButton } from '@/components/ui/styles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const view = await usersPage(await requirePageUser());
  return (
    <div className="space-y-6">
      <form action={signOutEverywhereAction}>
        <button className={secondaryButton}>Sign me out everywhere</button>
      </form>
      {view.ownPassword ? <PasswordForm /> : <p className="text-sm text-slate-600 dark:text-slate-400">You sign in with {view.sso ?? 'single sign-on'}: there is no password here to change, and your role comes from the provider at each sign-in.</p>}
      {!view.admin ? <p className="text-sm text-slate-600 dark:text-slate-400">Users and the audit log are for admins.</p> : (
        <>
          <UserForm />
          <UserTable users={view.users} me={view.me} now={view.now} sso={view.sso} />
          <section className="space-y-2">
            <h2 className="text-lg font-semibold">Audit log</h2>
            <AuditLog events={view.events} now={view.now} />
          </section>
        </>
      )}
    </div>
  );
}
