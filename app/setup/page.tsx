import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SetupForm } from '@/components/auth/SetupForm';
import { setupPage } from '@/lib/views';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'First run' };

export default async function SetupPage() {
  const view = await setupPage();
  if (view.redirect) redirect(view.redirect);
  return <SetupForm />;
}
