import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/LoginForm';
import { currentUser } from '@/lib/access';
import { safeNext } from '@/lib/access';
import { db } from '@/lib/server/db/client';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if ((await db().user.count()) === 0) redirect('/setup');
  if (await currentUser()) redirect('/');
  return <LoginForm next={safeNext((await searchParams).next)} />;
}
