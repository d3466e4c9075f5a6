import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SetupForm } from '@/components/auth/SetupForm';
import { anyUser } from '@/lib/access';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'First run' };

export default async function SetupPage() {
  if (await anyUser()) redirect('/login');
  return <SetupForm />;
}
