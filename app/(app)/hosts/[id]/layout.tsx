import { notFound } from 'next/navigation';
import { hostFound } from '@/lib/views';

// Checked above the page's loading boundary, so an unknown host answers a real 404
// before anything streams.
export default async function HostLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  if (!(await hostFound((await params).id))) notFound();
  return children;
}
