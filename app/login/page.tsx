import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/LoginForm';
import { anyUser, currentUser, safeNext } from '@/lib/access';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (!(await anyUser())) redirect('/setup');
  if (await currentUser()) redirect('/');
  return <LoginForm next={safeNext((await searchParams).next)} />;
}
