import { notFound } from 'next/navigation';
import { db } from '@/lib/server/db/client';
import { hostExists } from '@/lib/hosts';

// Checked above the page's loading boundary, so an unknown host answers a real 404
// before anything streams.
export default async function HostLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  if (!(await hostExists(db(), (await params).id))) notFound();
  return children;
}
