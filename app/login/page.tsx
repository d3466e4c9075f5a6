import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/LoginForm';
import { loginPage, type SearchParams } from '@/lib/views';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const view = await loginPage(await searchParams);
  if (view.redirect) redirect(view.redirect);
  return <LoginForm next={view.next} sso={view.sso} ssoError={view.ssoError} />;
}
