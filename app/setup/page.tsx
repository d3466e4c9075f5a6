import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SetupForm } from '@/components/auth/SetupForm';
import { db } from '@/lib/server/db/client';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'First run' };

export default async function SetupPage() {
  if ((await db().user.count()) > 0) redirect('/login');
  return <SetupForm />;
}
